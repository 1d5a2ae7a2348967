package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.HdrHistogram.Histogram;

/**
 * One latency metric in one phase, over every intended delivery: {@code corrected} (from the
 * intended send time) and {@code raw} (from the actual one) count each intended pair, and one
 * that never came counts as +infinity (see {@link Percentiles}). The same over completed
 * deliveries only stands beside them in {@code completedOnly}.
 *
 * <p>Immutable; any thread.
 *
 * @param metric        the metric's expression name ({@code peer-final})
 * @param phase         {@code all}, {@code before}, {@code during} or {@code after}
 * @param corrected     from the intended start, over intended deliveries (a percentile may be never)
 * @param raw           from the actual start, over intended deliveries
 * @param never         intended deliveries that never came by the end of the run
 * @param completedOnly the same over completed deliveries only
 */
public record LatencyFigures(String metric, String phase, Percentiles corrected, Percentiles raw, long never,
                             CompletedOnly completedOnly) {

    /**
     * Figures over completed deliveries only, which leave out what never came: a strategy that
     * loses messages looks faster by them.
     *
     * @param corrected from the intended start
     * @param raw       from the actual start
     */
    public record CompletedOnly(Percentiles corrected, Percentiles raw) {
    }

    @JsonCreator
    public LatencyFigures {
        if (never < 0) {
            throw new IllegalArgumentException("deliveries that never came must be >= 0: " + never);
        }
    }

    /**
     * Figures where nothing never came, so the completed-only figures are the same.
     *
     * @throws IllegalArgumentException when {@code never} is not 0
     */
    public LatencyFigures(String metric, String phase, Percentiles corrected, Percentiles raw, long never) {
        this(metric, phase, corrected, raw, none(never), new CompletedOnly(corrected, raw));
    }

    private static long none(long never) {
        if (never != 0) {
            throw new IllegalArgumentException("figures with deliveries that never came need their completed-only "
                    + "figures: " + never + " never came");
        }
        return never;
    }

    /** The figures of completed histograms and the deliveries that never came. */
    public static LatencyFigures of(String metric, String phase, Histogram corrected, Histogram raw, long never) {
        return new LatencyFigures(metric, phase, Percentiles.of(corrected, never), Percentiles.of(raw, never), never,
                new CompletedOnly(Percentiles.of(corrected), Percentiles.of(raw)));
    }

    /** The intended deliveries: completed plus never came. */
    public long intended() {
        return corrected.count();
    }
}
