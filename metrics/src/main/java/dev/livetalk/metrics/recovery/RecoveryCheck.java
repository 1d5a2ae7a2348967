package dev.livetalk.metrics.recovery;

import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.ServerRequest;
import dev.livetalk.metrics.trace.Transmission;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.metrics.trace.WelcomeSeen;
import dev.livetalk.scenarios.fault.FaultKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the recovery figures of every fault window of a trace from its welcomes, refetches
 * and the correctness checkers' convergence samples ({@link ClientConvergence}: per window and
 * targeted client, when it converged).
 *
 * <p>A targeted client is <em>back</em> at the window's end, or later at its welcome on each link
 * that reconnected: per link, the first welcome at or after the window's end and before the next
 * window starts, else the last welcome during the window. The trace records welcomes, not
 * disconnections: a link that dropped and never came back counts as never dropped (its client
 * then rarely converges).
 *
 * <p>Stateless; any thread.
 */
public final class RecoveryCheck {
    static final long SECOND = 1_000_000_000L;

    private RecoveryCheck() {
    }

    /** The figures of every window of {@code run}, given its convergence samples (any order). */
    public static RecoveryReport of(ReplayedRun run, List<ClientConvergence> convergence) {
        RunTrace trace = run.trace();
        Map<String, Long> converged = new HashMap<>();
        java.util.Set<String> never = new java.util.HashSet<>();
        for (ClientConvergence c : convergence) {
            String key = sampleKey(c.fault(), c.occurrence(), c.clientId());
            if (c.converged()) {
                converged.put(key, c.windowEnd() + trace.measuredFrom() + c.convergedAfter());
            } else {
                never.add(key);
            }
        }
        List<AckedLoss> losses = AckedLosses.of(run);
        long[] lostPerWindow = attribute(trace.windows(), losses);
        List<WindowRecovery> windows = new ArrayList<>();
        List<long[]> refetched = new ArrayList<>();
        List<long[]> requested = new ArrayList<>();
        Map<String, List<Long>> resends = new HashMap<>();
        trace.clients().forEach(c -> resends.put(c.clientId(), resendTimes(c)));
        for (int i = 0; i < trace.windows().size(); i++) {
            TraceWindow window = trace.windows().get(i);
            long until = nextStart(trace.windows(), i);
            List<ClientTrace> targeted = trace.clients().stream().filter(c -> window.targets(c.user())).toList();
            long recoveredAt = window.end();
            boolean restart = FaultKind.RESTART.yamlName().equals(window.kind());
            long reconnected = 0;
            long neverConverged = 0;
            for (ClientTrace client : targeted) {
                String key = sampleKey(window.fault(), window.occurrence(), client.clientId());
                long back = backAt(client, window, until);
                reconnected += back > window.start() ? 1 : 0;
                boolean lostForGood = restart && back <= window.start(); // a restart dropped it; never welcomed again
                if (never.contains(key) || lostForGood) {
                    neverConverged++;
                }
                recoveredAt = Math.max(recoveredAt, Math.max(back, converged.getOrDefault(key, window.end())));
            }
            long[] messages = targeted.stream().mapToLong(c -> refetched(c, window.start(), until, false)).toArray();
            long[] bytes = targeted.stream().mapToLong(c -> refetched(c, window.start(), until, true)).toArray();
            long[] requests = targeted.stream()
                    .mapToLong(c -> requests(c, resends.get(c.clientId()), window.start(), until)).toArray();
            long peakUntil = neverConverged == 0 ? recoveredAt : until;
            long origin = trace.measuredFrom();
            windows.add(new WindowRecovery(window.fault(), window.occurrence(), window.kind(), window.start() - origin,
                    window.end() - origin, targeted.size(), reconnected,
                    neverConverged == 0 ? recoveredAt - window.end() : null, neverConverged,
                    RefetchFigures.of(messages), RefetchFigures.of(bytes),
                    reconnectPeak(trace.clients(), window.start(), peakUntil), lostPerWindow[i],
                    RefetchFigures.of(requests), serverPeak(trace.serverRequests(), window.start(), peakUntil)));
            refetched.add(messages);
            requested.add(requests);
        }
        return new RecoveryReport(windows, losses.size(), refetched, requested,
                serverPeak(trace.serverRequests(), trace.measuredFrom(), Long.MIN_VALUE, Long.MAX_VALUE),
                trace.serverRequests().size());
    }

    /**
     * When the client was back after the window: the latest over its links that were welcomed after the
     * window's start (see the class comment); the window's start when none was.
     */
    static long backAt(ClientTrace client, TraceWindow window, long until) {
        Map<String, Long> firstAfterEnd = new TreeMap<>();
        Map<String, Long> lastDuring = new TreeMap<>();
        for (WelcomeSeen welcome : client.welcomes()) {
            long at = welcome.at();
            if (at >= window.end() && at < until) {
                firstAfterEnd.merge(welcome.link(), at, Math::min);
            } else if (at > window.start() && at < window.end()) {
                lastDuring.merge(welcome.link(), at, Math::max);
            }
        }
        lastDuring.putAll(firstAfterEnd);
        return lastDuring.values().stream().mapToLong(Long::longValue).max().orElse(window.start());
    }

    /** Messages (or bytes) the client refetched in {@code [from, until)}. */
    static long refetched(ClientTrace client, long from, long until, boolean bytes) {
        return client.refetches().stream().filter(r -> r.at() >= from && r.at() < until)
                .mapToLong(r -> bytes ? r.bytes() : (long) r.messages()).sum();
    }

    /**
     * The requests the client sent in {@code [from, until)}: its hellos, joins, leaves and history requests
     * ({@link ClientTrace#requests()}) and its resends ({@code resendTimes}); first transmissions of its sends and
     * read markers are not counted.
     */
    static long requests(ClientTrace client, List<Long> resendTimes, long from, long until) {
        return client.requests().stream().filter(r -> r.at() >= from && r.at() < until).count()
                + resendTimes.stream().filter(at -> at >= from && at < until).count();
    }

    /**
     * When the client transmitted a send again: every transmission but the first of a send's client message id
     * (a resend under the same id, an attempt after the first), and every transmission under an id none of its
     * sends began with (a resend under a new id).
     */
    static List<Long> resendTimes(ClientTrace client) {
        java.util.Set<String> firsts = new java.util.HashSet<>();
        client.sends().forEach(s -> firsts.add(s.clientMsgId()));
        List<Long> times = new ArrayList<>();
        for (Transmission t : client.transmissions()) {
            if (!firsts.remove(t.clientMsgId())) {
                times.add(t.at());
            }
        }
        return times;
    }

    /** The most requests the server received in one 1 s bucket of {@code [from, until]}, buckets counted from {@code from}. */
    static long serverPeak(List<ServerRequest> requests, long from, long until) {
        return serverPeak(requests, from, from, until);
    }

    /** The most requests in one 1 s bucket of {@code [from, until]}, buckets counted from {@code origin}. */
    static long serverPeak(List<ServerRequest> requests, long origin, long from, long until) {
        Map<Long, Long> buckets = new HashMap<>();
        for (ServerRequest request : requests) {
            if (request.at() >= from && request.at() <= until) {
                buckets.merge(Math.floorDiv(request.at() - origin, SECOND), 1L, Long::sum);
            }
        }
        return buckets.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The most welcomes of every client in one 1 s bucket of {@code [from, until]}, buckets counted from {@code from}. */
    static long reconnectPeak(List<ClientTrace> clients, long from, long until) {
        Map<Long, Long> buckets = new HashMap<>();
        for (ClientTrace client : clients) {
            for (WelcomeSeen welcome : client.welcomes()) {
                if (welcome.at() >= from && welcome.at() <= until) {
                    buckets.merge((welcome.at() - from) / SECOND, 1L, Long::sum);
                }
            }
        }
        return buckets.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * Per window, the acknowledged losses put on it: the first {@code restart} window that starts at or after
     * the ack, else the first window of any type that does; a loss after every window's start is on none.
     */
    static long[] attribute(List<TraceWindow> windows, List<AckedLoss> losses) {
        long[] perWindow = new long[windows.size()];
        for (AckedLoss loss : losses) {
            int at = firstStartingFrom(windows, loss.ackedAt(), true);
            if (at < 0) {
                at = firstStartingFrom(windows, loss.ackedAt(), false);
            }
            if (at >= 0) {
                perWindow[at]++;
            }
        }
        return perWindow;
    }

    private static int firstStartingFrom(List<TraceWindow> windows, long time, boolean restartOnly) {
        for (int i = 0; i < windows.size(); i++) {
            TraceWindow w = windows.get(i);
            if (w.start() >= time && (!restartOnly || FaultKind.RESTART.yamlName().equals(w.kind()))) {
                return i;
            }
        }
        return -1;
    }

    /** The start of the first window that starts after window {@code i} does, else the end of time. */
    private static long nextStart(List<TraceWindow> windows, int i) {
        long start = windows.get(i).start();
        return windows.stream().mapToLong(TraceWindow::start).filter(s -> s > start).min().orElse(Long.MAX_VALUE);
    }

    private static String sampleKey(String fault, int occurrence, String clientId) {
        return fault + '\n' + occurrence + '\n' + clientId;
    }
}
