package dev.livetalk.metrics.audit;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One entry of the audit's {@link FigureTable}: a figure (or family: a latency metric's every
 * phase, kind and percentile) and how to recount it from the ledger.
 *
 * <p>Immutable; any thread.
 *
 * @param name    the figure's name in {@code results.json}
 * @param checks  the comparisons it makes for one strategy's recount
 * @param samples for a latency metric, its samples in one room's rows (tallied room by room into
 *                {@link Recount#latency}); else {@code null}
 */
record AuditedFigure(String name, Function<Recount, List<Check>> checks, Sampler samples) {

    /** A figure that is no latency metric. */
    AuditedFigure(String name, Function<Recount, List<Check>> checks) {
        this(name, checks, null);
    }

    /** A latency metric's samples in one room's rows. */
    @FunctionalInterface
    interface Sampler {
        void of(RoomPass room, java.util.function.Consumer<LatencySample> samples);
    }

    /** A count, exact. */
    static AuditedFigure count(String path, ToLongFunction<Recount> recount) {
        return new AuditedFigure(path, r -> List.of(Check.of(path, new Reading.Whole(recount.applyAsLong(r)),
                Tolerance.EXACT)));
    }

    /** A share or ratio, up to rounding. */
    static AuditedFigure fraction(String path, java.util.function.ToDoubleFunction<Recount> recount) {
        return new AuditedFigure(path, r -> List.of(Check.of(path, new Reading.Fraction(recount.applyAsDouble(r)),
                Tolerance.FRACTION)));
    }

    /** Every phase, kind and percentile of a latency metric, and its never counts. */
    static AuditedFigure latency(String metric, Sampler samples) {
        String name = "latency[" + metric + "/*]";
        return new AuditedFigure(name, r -> LatencyChecks.of(metric, r.latency(name)), samples);
    }
}
