package dev.livetalk.bench.ceiling;

/**
 * One play of one client count: the harness's scheduling lag (how late the load generator sent
 * what it intended, over every intended send of the measured run: {@code results.json}'s
 * {@code scheduling-lag} in phase {@code all}, corrected), the peer-final p99 for context, and
 * the CPU used while the load ran (from the first progress tick after the warm-up to the last
 * one before the quiesce; see {@link CpuSnapshot}).
 *
 * @param clients      the client count
 * @param round        the round, from 1
 * @param lagP50       scheduling-lag p50, ns
 * @param lagP99       scheduling-lag p99, ns: the health figure judged against the budget
 * @param lagMax       scheduling-lag max, ns
 * @param peerFinalP99 peer-final p99, ns ({@link dev.livetalk.metrics.results.Percentiles#NEVER} when over 1% never came)
 * @param sends        intended sends measured (the scheduling-lag count)
 * @param cpu          the CPU used while the load ran
 * @param play         the whole play, seconds: the server, proxies and clients set up, the run, the measurement
 * @param beforeLoad   of it, until the load began (server, proxies, clients connected and joined), seconds
 */
public record CeilingRound(int clients, int round, long lagP50, long lagP99, long lagMax, long peerFinalP99,
                           long sends, CpuSnapshot.CpuUse cpu, double play, double beforeLoad) {

    /** Whether the scheduling-lag p99 is within {@code budgetNanos} (at or below, as results.json's health judges). */
    public boolean holds(long budgetNanos) {
        return lagP99 <= budgetNanos;
    }
}
