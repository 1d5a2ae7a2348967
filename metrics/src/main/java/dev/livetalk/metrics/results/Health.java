package dev.livetalk.metrics.results;

import java.util.List;
import java.util.Locale;

/**
 * Whether the harness itself kept time well enough in a run for its figures to be trusted: on a
 * real network, a strategy's run is untrusted when more than 1% of its sends, and at least
 * {@link #LATE_SENDS_MIN} of them, were sent more than {@link #SCHEDULING_LAG_LIMIT_NANOS} after
 * their intended time (its {@code lateSends}). Over 1% is the same as a scheduling-lag p99 over the
 * limit ({@link Percentiles#countAbove}), so a long run is judged by its p99; the minimum keeps a
 * short run (the default scenarios send about 80 messages per strategy, whose p99 is the single
 * latest send) from being untrusted by one or two late sends, a collection pause or a moment of
 * contention on a loaded machine. A document written before {@code lateSends} was recorded is
 * judged by its p99 alone, as it was then. The simulator keeps virtual time and is always
 * trusted. Derived from the document's own figures, so it is decided once and written into
 * {@code results.json}; {@code run --strict} exits 1 on an untrusted run.
 *
 * <p>Immutable; any thread.
 *
 * @param schedulingLagLimit the scheduling lag above which a send is late, ns
 * @param lateSendsMin       the late sends a run needs, besides more than 1% of its sends, to be untrusted
 * @param checked            false in the simulator (virtual time has no lag)
 * @param trusted            every strategy's run trusted
 * @param strategies         per strategy, its lag figures and whether it is trusted
 */
public record Health(long schedulingLagLimit, long lateSendsMin, boolean checked, boolean trusted,
                     List<StrategyHealth> strategies) {
    /** A send later than this after its intended time is late: 10 ms. */
    public static final long SCHEDULING_LAG_LIMIT_NANOS = 10_000_000L;
    /**
     * The late sends a run needs, besides more than 1% of its sends, to be untrusted: 3. On a
     * loaded 2-core machine one or two sends of a short healthy run are late now and then (docs/METRICS.md).
     */
    public static final long LATE_SENDS_MIN = 3;

    /**
     * One strategy's run.
     *
     * @param strategy         the strategy
     * @param schedulingLagP99 its scheduling-lag p99, ns
     * @param sends            its sends (the scheduling-lag count)
     * @param lateSends        those later than the limit; {@code null} for a document written before
     *                         they were recorded, judged by its p99
     * @param trusted          whether it is trusted
     */
    public record StrategyHealth(String strategy, long schedulingLagP99, long sends, Long lateSends,
                                 boolean trusted) {
        /** The late share of the sends in percent, 0 without sends or count. */
        public double latePercent() {
            return sends == 0 || lateSends == null ? 0 : 100.0 * lateSends / sends;
        }
    }

    public Health {
        strategies = List.copyOf(strategies);
    }

    /** The health of a document's runs. */
    public static Health of(ResultsDocument document) {
        boolean checked = !"sim".equals(document.network());
        List<StrategyHealth> list = document.strategies().stream().map(s -> {
            LatencyFigures lag = s.latency("scheduling-lag", "all");
            long p99 = lag == null ? 0 : lag.corrected().p99();
            long sends = lag == null ? 0 : lag.corrected().count();
            return new StrategyHealth(s.strategy(), p99, sends, s.lateSends(),
                    !checked || trusted(sends, s.lateSends(), p99));
        }).toList();
        return new Health(SCHEDULING_LAG_LIMIT_NANOS, LATE_SENDS_MIN, checked,
                list.stream().allMatch(StrategyHealth::trusted), list);
    }

    /**
     * Whether a run of {@code sends} with {@code late} of them late is trusted: unless more than 1% and
     * at least {@link #LATE_SENDS_MIN} were; without a count (older documents), whether its p99 is
     * within the limit.
     */
    static boolean trusted(long sends, Long late, long p99) {
        if (late == null) {
            return p99 <= SCHEDULING_LAG_LIMIT_NANOS;
        }
        return late < LATE_SENDS_MIN || late * 100 <= sends;
    }

    /** The rule in a phrase: {@code "more than 1% of the sends, and at least 3, over 10 ms late"}. */
    public static String rule() {
        return String.format(Locale.ROOT, "more than 1%% of the sends, and at least %d, over %.0f ms late",
                LATE_SENDS_MIN, SCHEDULING_LAG_LIMIT_NANOS / 1e6);
    }

    /**
     * What made a strategy's run untrusted: {@code "5 of 80 sends (6.3%) over 10 ms late, scheduling-lag p99
     * 14.2 ms"}, or for an older document without the count {@code "scheduling-lag p99 14.2 ms over 10 ms"}.
     */
    public static String lateness(StrategyHealth s) {
        if (s.lateSends() == null) {
            return String.format(Locale.ROOT, "scheduling-lag p99 %.1f ms over %.0f ms (no count of late sends in"
                    + " this older results.json)", s.schedulingLagP99() / 1e6, SCHEDULING_LAG_LIMIT_NANOS / 1e6);
        }
        return String.format(Locale.ROOT, "%d of %d sends (%.1f%%) over %.0f ms late, scheduling-lag p99 %.1f ms",
                s.lateSends(), s.sends(), s.latePercent(), SCHEDULING_LAG_LIMIT_NANOS / 1e6, s.schedulingLagP99() / 1e6);
    }

    /**
     * The rule a run of an older document, without the count of late sends, was judged by, in a
     * phrase: {@code "its scheduling-lag p99 is over 10 ms"}.
     */
    public static String olderRule() {
        return String.format(Locale.ROOT, "its scheduling-lag p99 is over %.0f ms", SCHEDULING_LAG_LIMIT_NANOS / 1e6);
    }

    /**
     * For the console: one line per untrusted strategy run, none when all are trusted, each with the
     * rule it was judged by ({@link #olderRule()} for a run of an older document).
     */
    public List<String> warnings(String scenario) {
        return strategies.stream().filter(s -> !s.trusted()).map(s -> String.format(Locale.ROOT,
                "harness health: %s / %s: %s: the harness was late itself, its latency figures are not to be"
                        + " trusted (untrusted %s; --strict exits 1)", scenario, s.strategy(), lateness(s),
                s.lateSends() == null ? "without that count when " + olderRule() : "when " + rule())).toList();
    }
}
