package dev.livetalk.metrics.recovery;

import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RequestSent;
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
import java.util.OptionalLong;
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
        Parts parts = new Parts(run.trace());
        parts.add(run);
        return parts.report(convergence);
    }

    /**
     * The recovery figures of a run whose rooms are replayed apart ({@link RunTrace#slice}): {@link #add}
     * each part (each room in one part only), then {@link #report}. Keeps per window and targeted client
     * what it refetched and resent, and the acknowledged losses: no replay.
     *
     * <p>Single use, single thread.
     */
    public static final class Parts {
        private final RunTrace run;
        /** Per window, the clients it targeted, in trace order. */
        private final List<List<ClientTrace>> targeted = new ArrayList<>();
        /** Per window and targeted client: messages and bytes refetched, resends, in the window's reach. */
        private final List<long[]> messages = new ArrayList<>();
        private final List<long[]> bytes = new ArrayList<>();
        private final List<long[]> resends = new ArrayList<>();
        /** Per window, the acknowledged losses put on it ({@link #attribute}), and all of them: counted as they come. */
        private final long[] lostPerWindow;
        private long lost;

        /**
         * @param run the run's clients (in order, each with its welcomes and requests), windows, warm-up end and
         *            server requests: the whole trace, or a part of it that keeps these whole
         */
        public Parts(RunTrace run) {
            this.run = run;
            this.lostPerWindow = new long[run.windows().size()];
            for (TraceWindow window : run.windows()) {
                List<ClientTrace> clients = run.clients().stream().filter(c -> window.targets(c.user())).toList();
                targeted.add(clients);
                messages.add(new long[clients.size()]);
                bytes.add(new long[clients.size()]);
                resends.add(new long[clients.size()]);
            }
        }

        /** Takes in the refetches, resends and acknowledged losses of the rooms replayed in {@code part}. */
        public void add(ReplayedRun part) {
            List<TraceWindow> windows = part.trace().windows();
            Map<String, List<Long>> resendTimes = new HashMap<>();
            part.trace().clients().forEach(c -> resendTimes.put(c.clientId(), resendTimes(c)));
            for (int i = 0; i < windows.size(); i++) {
                TraceWindow window = windows.get(i);
                long until = window.nextStart(windows);
                int j = 0;
                for (ClientTrace client : part.trace().clients()) {
                    if (!window.targets(client.user())) {
                        continue;
                    }
                    messages.get(i)[j] += refetched(client, window.start(), until, false);
                    bytes.get(i)[j] += refetched(client, window.start(), until, true);
                    resends.get(i)[j] += resendTimes.get(client.clientId()).stream()
                            .filter(at -> at >= window.start() && at < until).count();
                    j++;
                }
            }
            List<AckedLoss> losses = AckedLosses.of(part);
            long[] attributed = attribute(run.windows(), losses);
            for (int i = 0; i < attributed.length; i++) {
                lostPerWindow[i] += attributed[i];
            }
            lost += losses.size();
        }

        /** The figures of every window, given the run's convergence samples (any order). */
        public RecoveryReport report(List<ClientConvergence> convergence) {
            RunTrace trace = run;
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
            List<WindowRecovery> windows = new ArrayList<>();
            List<long[]> requested = new ArrayList<>();
            for (int i = 0; i < trace.windows().size(); i++) {
                TraceWindow window = trace.windows().get(i);
                long until = window.nextStart(trace.windows());
                List<ClientTrace> targeted = this.targeted.get(i);
                long recoveredAt = window.end();
                boolean restart = FaultKind.RESTART.yamlName().equals(window.kind());
                long reconnected = 0;
                long neverConverged = 0;
                long[] requests = new long[targeted.size()];
                SlowestClient slowest = null; // the latest to recover, the first client id on a tie
                long slowestAt = Long.MIN_VALUE;
                SlowestClient firstNever = null; // the first client id that never converged
                ClientTrace slowestTrace = null;
                ClientTrace firstNeverTrace = null;
                for (int j = 0; j < targeted.size(); j++) {
                    ClientTrace client = targeted.get(j);
                    String key = sampleKey(window.fault(), window.occurrence(), client.clientId());
                    long back = backAt(client, window, until);
                    boolean welcomed = back > window.start();
                    reconnected += welcomed ? 1 : 0;
                    boolean lostForGood = restart && !welcomed; // a restart dropped it; never welcomed again
                    boolean neverHere = never.contains(key) || lostForGood;
                    long convergedAt = converged.getOrDefault(key, window.end());
                    SlowestClient figures = new SlowestClient(client.clientId(),
                            welcomed ? Math.max(0, back - window.end()) : null, null,
                            never.contains(key) ? null : convergedAt - window.end());
                    if (neverHere) {
                        neverConverged++;
                        if (firstNever == null || figures.client().compareTo(firstNever.client()) < 0) {
                            firstNever = figures;
                            firstNeverTrace = client;
                        }
                    }
                    long clientRecovered = Math.max(back, convergedAt);
                    if (slowest == null || clientRecovered > slowestAt
                            || clientRecovered == slowestAt && figures.client().compareTo(slowest.client()) < 0) {
                        slowest = figures;
                        slowestTrace = client;
                        slowestAt = clientRecovered;
                    }
                    recoveredAt = Math.max(recoveredAt, clientRecovered);
                    requests[j] = requests(client, window.start(), until) + resends.get(i)[j];
                }
                long peakUntil = neverConverged == 0 ? recoveredAt : until;
                long origin = trace.measuredFrom();
                windows.add(new WindowRecovery(window.fault(), window.occurrence(), window.kind(),
                        window.start() - origin, window.end() - origin, targeted.size(), reconnected,
                        neverConverged == 0 ? recoveredAt - window.end() : null, neverConverged,
                        RefetchFigures.of(messages.get(i)), RefetchFigures.of(bytes.get(i)),
                        reconnectPeak(trace.clients(), window.start(), peakUntil), lostPerWindow[i],
                        RefetchFigures.of(requests), serverPeak(trace.serverRequests(), window.start(), peakUntil),
                        neverConverged == 0 ? connected(slowest, slowestTrace, window, until)
                                : connected(firstNever, firstNeverTrace, window, until)));
                requested.add(requests);
            }
            return new RecoveryReport(windows, lost, messages, requested,
                    serverPeak(trace.serverRequests(), trace.measuredFrom(), Long.MIN_VALUE, Long.MAX_VALUE),
                    trace.serverRequests().size());
        }
    }

    /**
     * When the client was back after the window: the latest over its links that were welcomed after the
     * window's start (see the class comment); the window's start when none was.
     */
    static long backAt(ClientTrace client, TraceWindow window, long until) {
        return backLinks(client, window, until).values().stream().mapToLong(Long::longValue).max()
                .orElse(window.start());
    }

    /** Per link welcomed after the window's start, when it was back ({@link #backAt}: the latest of these). */
    private static Map<String, Long> backLinks(ClientTrace client, TraceWindow window, long until) {
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
        return lastDuring;
    }

    /**
     * {@code held}, the figures of {@code client}, with when its connection opened ({@link #connectedAt}) and the
     * attempts that led to it ({@link #attemptsUpTo}).
     */
    private static SlowestClient connected(SlowestClient held, ClientTrace client, TraceWindow window, long until) {
        if (held == null || held.back() == null) {
            return held;
        }
        Map.Entry<String, Long> last = lastBack(client, window, until);
        OptionalLong hello = connectedAt(client, last, window);
        if (hello.isEmpty()) {
            return held;
        }
        Attempts attempts = attemptsUpTo(client, last.getKey(), window, hello.getAsLong());
        return new SlowestClient(held.client(), held.back(), Math.max(0, hello.getAsLong() - window.end()),
                attempts.count() == 0 ? null : attempts.count(),
                attempts.count() == 0 || attempts.lastFailed().isEmpty() ? null
                        : Math.max(0, attempts.lastFailed().getAsLong() - window.end()),
                held.converged());
    }

    /** The link of {@code client} welcomed last after the window and when ({@link #backAt}), or {@code null}. */
    private static Map.Entry<String, Long> lastBack(ClientTrace client, TraceWindow window, long until) {
        Map.Entry<String, Long> last = null;
        for (Map.Entry<String, Long> entry : backLinks(client, window, until).entrySet()) {
            if (last == null || entry.getValue() > last.getValue()) {
                last = entry;
            }
        }
        return last;
    }

    /**
     * When the connection that brought the client back opened: the hello it sent on the link welcomed last
     * ({@link #backAt}), the latest at or before that welcome after the window's start; empty when it was not
     * welcomed again or its trace holds no such hello (recorded before requests were). {@code back}: that link and
     * its welcome ({@link #lastBack}), or {@code null}.
     */
    private static OptionalLong connectedAt(ClientTrace client, Map.Entry<String, Long> back, TraceWindow window) {
        OptionalLong hello = OptionalLong.empty();
        if (back == null) {
            return hello;
        }
        for (RequestSent request : client.requests()) {
            if (request.type().equals("hello") && request.link().equals(back.getKey()) && request.at() > window.start()
                    && request.at() <= back.getValue() && (hello.isEmpty() || request.at() > hello.getAsLong())) {
                hello = OptionalLong.of(request.at());
            }
        }
        return hello;
    }

    /** How many attempts, and when the latest failed one gave up (empty when none failed). */
    record Attempts(int count, OptionalLong lastFailed) {
    }

    /**
     * The connection attempts {@code client} began on {@code link} after the window's start that ended at or
     * before {@code connected} (the one that opened then included), and when the latest that failed ended.
     */
    static Attempts attemptsUpTo(ClientTrace client, String link, TraceWindow window, long connected) {
        int count = 0;
        OptionalLong lastFailed = OptionalLong.empty();
        for (ConnectAttempt attempt : client.connects()) {
            if (attempt.link().equals(link) && attempt.at() > window.start() && attempt.endedAt() <= connected) {
                count++;
                if (!attempt.opened() && (lastFailed.isEmpty() || attempt.endedAt() > lastFailed.getAsLong())) {
                    lastFailed = OptionalLong.of(attempt.endedAt());
                }
            }
        }
        return new Attempts(count, lastFailed);
    }

    /** Messages (or bytes) the client refetched in {@code [from, until)}. */
    static long refetched(ClientTrace client, long from, long until, boolean bytes) {
        return client.refetches().stream().filter(r -> r.at() >= from && r.at() < until)
                .mapToLong(r -> bytes ? r.bytes() : (long) r.messages()).sum();
    }

    /**
     * The requests the client sent in {@code [from, until)} other than sends: its hellos, joins, leaves and
     * history requests ({@link ClientTrace#requests()}); a window's request count adds its resends
     * ({@link #resendTimes}), while first transmissions of its sends and read markers are not counted.
     */
    static long requests(ClientTrace client, long from, long until) {
        return client.requests().stream().filter(r -> r.at() >= from && r.at() < until).count();
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

    private static String sampleKey(String fault, int occurrence, String clientId) {
        return fault + '\n' + occurrence + '\n' + clientId;
    }
}
