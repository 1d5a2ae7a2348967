package dev.livetalk.metrics.results;

import java.util.List;
import java.util.Locale;

/**
 * Whether the harness itself kept time well enough in a run for its figures to be trusted:
 * on a real network, each strategy's scheduling-lag p99 (how late the load generator sent what
 * it intended) must stay at or below {@link #SCHEDULING_LAG_LIMIT_NANOS}. The simulator keeps
 * virtual time and is always trusted. Derived from the document's own figures, so it is decided
 * once and written into {@code results.json}; {@code run --strict} exits 1 on an untrusted run.
 *
 * <p>Immutable; any thread.
 *
 * @param schedulingLagLimit the limit of the scheduling-lag p99, ns
 * @param checked            false in the simulator (virtual time has no lag)
 * @param trusted            every strategy within the limit
 * @param strategies         per strategy, its scheduling-lag p99 and whether it is within the limit
 */
public record Health(long schedulingLagLimit, boolean checked, boolean trusted, List<StrategyHealth> strategies) {
    /** Default limit of the harness's own scheduling-lag p99 on a real network: 10 ms. */
    public static final long SCHEDULING_LAG_LIMIT_NANOS = 10_000_000L;

    /** One strategy's run: its scheduling-lag p99 (ns) and whether it is within the limit. */
    public record StrategyHealth(String strategy, long schedulingLagP99, boolean trusted) {
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
            return new StrategyHealth(s.strategy(), p99, !checked || p99 <= SCHEDULING_LAG_LIMIT_NANOS);
        }).toList();
        return new Health(SCHEDULING_LAG_LIMIT_NANOS, checked, list.stream().allMatch(StrategyHealth::trusted), list);
    }

    /** For the console: one line per untrusted strategy run, none when all are trusted. */
    public List<String> warnings(String scenario) {
        return strategies.stream().filter(s -> !s.trusted()).map(s -> String.format(Locale.ROOT,
                "harness health: %s / %s: scheduling-lag p99 %.1f ms is over %.1f ms: the harness was late itself,"
                        + " its latency figures are not to be trusted (--strict exits 1)", scenario, s.strategy(),
                s.schedulingLagP99() / 1e6, schedulingLagLimit / 1e6)).toList();
    }
}
