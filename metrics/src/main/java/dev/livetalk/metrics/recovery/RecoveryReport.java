package dev.livetalk.metrics.recovery;

import dev.livetalk.metrics.correctness.ConvergenceTimes;

import java.util.Arrays;
import java.util.List;

/**
 * The recovery figures of one strategy's run: one entry per fault window in start order, the
 * acknowledged messages lost over the whole run, and per window the messages each targeted
 * client refetched (the samples behind {@link WindowRecovery#refetchedMessages()}, for budgets
 * with any percentile).
 *
 * <p>Immutable; any thread.
 *
 * @param windows           per fault window, its figures
 * @param ackedLost         acknowledged messages missing from the server's final log, over the run (those no
 *                          window precedes included)
 * @param refetchedMessages per window (same order), per targeted client, the messages it refetched
 * @param requests          per window (same order), per targeted client, the requests it sent
 *                          ({@link WindowRecovery#requests()})
 * @param serverPeakRun     the most requests the server received in one 1 s bucket over the whole recorded run
 *                          (load included), buckets counted from the end of the warm-up
 * @param serverRequests    the requests the server received over the recorded run
 */
public record RecoveryReport(List<WindowRecovery> windows, long ackedLost, List<long[]> refetchedMessages,
                             List<long[]> requests, long serverPeakRun, long serverRequests) {
    public RecoveryReport {
        windows = List.copyOf(windows);
        refetchedMessages = refetchedMessages.stream().map(long[]::clone).toList();
        requests = requests.stream().map(long[]::clone).toList();
        if (refetchedMessages.size() != windows.size() || requests.size() != windows.size()) {
            throw new IllegalArgumentException("one refetch and one request sample set per window: "
                    + refetchedMessages.size() + " and " + requests.size() + " for " + windows.size() + " windows");
        }
        if (serverPeakRun < 0 || serverRequests < serverPeakRun) {
            throw new IllegalArgumentException("the server's requests need 0 <= peak <= total: " + serverPeakRun
                    + ", " + serverRequests);
        }
        if (ackedLost < windows.stream().mapToLong(WindowRecovery::ackedLost).sum()) {
            throw new IllegalArgumentException("the run's acknowledged losses cannot be fewer than its windows': "
                    + ackedLost);
        }
    }

    /** The figures without requests (a trace without them: one empty sample set per window). */
    public RecoveryReport(List<WindowRecovery> windows, long ackedLost, List<long[]> refetchedMessages) {
        this(windows, ackedLost, refetchedMessages, windows.stream().map(w -> new long[0]).toList(), 0, 0);
    }

    /** A run without fault windows nor losses. */
    public static RecoveryReport none() {
        return new RecoveryReport(List.of(), 0, List.of());
    }

    /** The run's cost figures per client recovery ({@link CostFigures}). */
    public CostFigures cost() {
        return CostFigures.of(windows, serverPeakRun, serverRequests);
    }

    /** The largest server peak over the windows' recoveries; 0 without windows. */
    public long serverPeak() {
        return windows.stream().mapToLong(w -> w.serverPeak() == null ? 0 : w.serverPeak()).max().orElse(0);
    }

    /**
     * Per window, the nearest-rank {@code percentile} of the requests its targeted clients sent; the largest over
     * the windows (0 for a window without clients); 0 without windows.
     */
    public long requests(double percentile) {
        return worst(requests, percentile);
    }

    /** Per window, the fewest requests one targeted client sent; the largest over the windows. */
    public long requestsMin() {
        return worstMin(requests);
    }

    /** The recovery times of the windows, one sample per window, a window that never recovered counted apart. */
    public ConvergenceTimes recoveryTimes() {
        long[] times = windows.stream().filter(WindowRecovery::recovered).mapToLong(WindowRecovery::recovery).toArray();
        return new ConvergenceTimes(times, windows.size() - times.length);
    }

    /** The largest reconnect peak over the windows; 0 without windows. */
    public long reconnectPeak() {
        return windows.stream().mapToLong(WindowRecovery::reconnectPeak).max().orElse(0);
    }

    /**
     * Per window, the nearest-rank {@code percentile} of the messages its targeted clients refetched; the
     * largest over the windows (0 for a window without clients); 0 without windows.
     */
    public long refetched(double percentile) {
        return worst(refetchedMessages, percentile);
    }

    private static long worst(List<long[]> samples, double percentile) {
        return samples.stream().filter(s -> s.length > 0)
                .mapToLong(s -> {
                    long[] sorted = s.clone();
                    Arrays.sort(sorted);
                    return RefetchFigures.nearestRank(sorted, percentile);
                }).max().orElse(0);
    }

    /** Per window, the fewest messages one targeted client refetched; the largest over the windows. */
    public long refetchedMin() {
        return worstMin(refetchedMessages);
    }

    private static long worstMin(List<long[]> samples) {
        return samples.stream().filter(s -> s.length > 0)
                .mapToLong(s -> Arrays.stream(s).min().orElse(0)).max().orElse(0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecoveryReport that && windows.equals(that.windows) && ackedLost == that.ackedLost
                && serverPeakRun == that.serverPeakRun && serverRequests == that.serverRequests
                && sameSamples(refetchedMessages, that.refetchedMessages) && sameSamples(requests, that.requests);
    }

    private static boolean sameSamples(List<long[]> a, List<long[]> b) {
        return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size())
                .allMatch(i -> Arrays.equals(a.get(i), b.get(i)));
    }

    @Override
    public int hashCode() {
        return 31 * windows.hashCode() + Long.hashCode(ackedLost);
    }

    @Override
    public String toString() {
        return "RecoveryReport" + windows + " ackedLost " + ackedLost;
    }
}
