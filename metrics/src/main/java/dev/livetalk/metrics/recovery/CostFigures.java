package dev.livetalk.metrics.recovery;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * What the fault windows cost one strategy's run, summed over the windows (docs/METRICS.md,
 * Recovery, "Cost per strategy"): a <em>client recovery</em> is one targeted client of one
 * window, so a window of 8 clients counts 8. The per-client figures are the totals over the
 * windows divided by the client recoveries: what one client's recovery cost on average.
 *
 * <p>Immutable; any thread.
 *
 * @param recoveries                  client recoveries: the windows' targeted clients, summed
 * @param refetchedMessages           messages refetched, summed over the windows ({@code refetchedMessages.total})
 * @param refetchedBytes              bytes refetched, summed over the windows
 * @param requests                    requests the clients sent, summed over the windows ({@code requests.total})
 * @param refetchedMessagesPerClient  {@code refetchedMessages / recoveries}; {@code null} without recoveries
 * @param refetchedBytesPerClient     {@code refetchedBytes / recoveries}; {@code null} without recoveries
 * @param requestsPerClient           {@code requests / recoveries}; {@code null} without recoveries, and in a
 *                                    document whose windows do not hold requests
 * @param reconnectPeak               the largest {@code reconnectPeak} over the windows (welcomes per second)
 * @param serverPeak                  the largest {@code serverPeak} over the windows (requests per second at the
 *                                    server during a recovery); {@code null} when the windows do not hold it
 * @param serverPeakRun               the most requests the server received in one 1 s bucket over the whole
 *                                    recorded run, load included, buckets counted from the end of the warm-up
 * @param serverRequests              the requests the server received over the recorded run
 */
public record CostFigures(long recoveries, long refetchedMessages, long refetchedBytes, Long requests,
                          Double refetchedMessagesPerClient, Double refetchedBytesPerClient, Double requestsPerClient,
                          long reconnectPeak, Long serverPeak, long serverPeakRun, long serverRequests) {
    @JsonCreator
    public CostFigures {
        if (recoveries < 0 || refetchedMessages < 0 || refetchedBytes < 0 || (requests != null && requests < 0)
                || reconnectPeak < 0 || (serverPeak != null && serverPeak < 0) || serverPeakRun < 0
                || serverRequests < serverPeakRun) {
            throw new IllegalArgumentException("cost figures must be counts >= 0 (server peak <= server requests): "
                    + recoveries + ", " + refetchedMessages + ", " + refetchedBytes + ", " + requests + ", "
                    + reconnectPeak + ", " + serverPeak + ", " + serverPeakRun + ", " + serverRequests);
        }
    }

    /** The cost of {@code windows}, with the run's server peak and requests. */
    public static CostFigures of(List<WindowRecovery> windows, long serverPeakRun, long serverRequests) {
        long recoveries = windows.stream().mapToLong(WindowRecovery::clients).sum();
        long messages = windows.stream().mapToLong(w -> w.refetchedMessages().total()).sum();
        long bytes = windows.stream().mapToLong(w -> w.refetchedBytes().total()).sum();
        boolean withRequests = windows.stream().allMatch(w -> w.requests() != null && w.serverPeak() != null);
        Long requests = withRequests ? windows.stream().mapToLong(w -> w.requests().total()).sum() : null;
        Long serverPeak = withRequests ? windows.stream().mapToLong(WindowRecovery::serverPeak).max().orElse(0) : null;
        return new CostFigures(recoveries, messages, bytes, requests, perClient(messages, recoveries),
                perClient(bytes, recoveries), requests == null ? null : perClient(requests, recoveries),
                windows.stream().mapToLong(WindowRecovery::reconnectPeak).max().orElse(0), serverPeak,
                serverPeakRun, serverRequests);
    }

    private static Double perClient(long total, long recoveries) {
        return recoveries == 0 ? null : (double) total / recoveries;
    }
}
