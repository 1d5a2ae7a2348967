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
 */
public record RecoveryReport(List<WindowRecovery> windows, long ackedLost, List<long[]> refetchedMessages) {
    public RecoveryReport {
        windows = List.copyOf(windows);
        refetchedMessages = refetchedMessages.stream().map(long[]::clone).toList();
        if (refetchedMessages.size() != windows.size()) {
            throw new IllegalArgumentException("one refetch sample set per window: " + refetchedMessages.size()
                    + " for " + windows.size() + " windows");
        }
        if (ackedLost < windows.stream().mapToLong(WindowRecovery::ackedLost).sum()) {
            throw new IllegalArgumentException("the run's acknowledged losses cannot be fewer than its windows': "
                    + ackedLost);
        }
    }

    /** A run without fault windows nor losses. */
    public static RecoveryReport none() {
        return new RecoveryReport(List.of(), 0, List.of());
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
        return refetchedMessages.stream().filter(s -> s.length > 0)
                .mapToLong(s -> {
                    long[] sorted = s.clone();
                    Arrays.sort(sorted);
                    return RefetchFigures.nearestRank(sorted, percentile);
                }).max().orElse(0);
    }

    /** Per window, the fewest messages one targeted client refetched; the largest over the windows. */
    public long refetchedMin() {
        return refetchedMessages.stream().filter(s -> s.length > 0)
                .mapToLong(s -> Arrays.stream(s).min().orElse(0)).max().orElse(0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecoveryReport that && windows.equals(that.windows) && ackedLost == that.ackedLost
                && refetchedMessages.size() == that.refetchedMessages.size()
                && java.util.stream.IntStream.range(0, refetchedMessages.size())
                .allMatch(i -> Arrays.equals(refetchedMessages.get(i), that.refetchedMessages.get(i)));
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
