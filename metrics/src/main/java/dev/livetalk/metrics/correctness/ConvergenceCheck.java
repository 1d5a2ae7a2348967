package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.TraceWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Measures, per fault window and client it targeted, when the client converged, from the
 * replayed transitions of every room; {@link ConvergenceTimes} sums them up.
 *
 * <p>Stateless; any thread.
 */
final class ConvergenceCheck {
    private ConvergenceCheck() {
    }

    static ConvergenceTimes times(List<ClientConvergence> samples) {
        List<Long> times = new ArrayList<>();
        long never = 0;
        for (ClientConvergence sample : samples) {
            if (sample.converged()) {
                times.add(sample.convergedAfter());
            } else {
                never++;
            }
        }
        return ConvergenceTimes.of(times, never);
    }

    /**
     * Per fault window and client it targeted, when the client converged: when the last of its
     * rooms did (never when one room never did), its rooms added part by part ({@link #add}).
     * Windows in start order, then clients in trace order; window ends since the end of the warm-up.
     *
     * <p>Single use, single thread.
     */
    static final class ByClient {
        private final List<TraceWindow> windows;
        private final List<ClientTrace> clients;
        private final long warmUpEnd;
        /** Per window and client: the latest moment a room of it converged so far, and whether one never did. */
        private final long[][] latest;
        private final boolean[][] never;
        /** Per client: whether it has a room. */
        private final boolean[] member;

        ByClient(RunTrace run) {
            this.windows = run.windows();
            this.clients = run.clients();
            this.warmUpEnd = run.measuredFrom();
            this.latest = new long[windows.size()][clients.size()];
            this.never = new boolean[windows.size()][clients.size()];
            this.member = new boolean[clients.size()];
            for (int w = 0; w < windows.size(); w++) {
                java.util.Arrays.fill(latest[w], windows.get(w).end());
            }
        }

        /** Takes in the rooms replayed in {@code part}. */
        void add(ReplayedRun part) {
            for (int c = 0; c < clients.size(); c++) {
                member[c] |= !part.replays().get(clients.get(c).clientId()).isEmpty();
            }
            for (int w = 0; w < windows.size(); w++) {
                TraceWindow window = windows.get(w);
                long until = window.nextStart(windows);
                for (int c = 0; c < clients.size(); c++) {
                    if (!window.targets(clients.get(c).user()) || never[w][c]) {
                        continue;
                    }
                    for (RoomReplay room : part.replays().get(clients.get(c).clientId()).values()) {
                        OptionalLong at = room.goodFrom(window.end(), until);
                        if (at.isEmpty()) {
                            never[w][c] = true;
                            break;
                        }
                        latest[w][c] = Math.max(latest[w][c], at.getAsLong());
                    }
                }
            }
        }

        List<ClientConvergence> samples() {
            List<ClientConvergence> samples = new ArrayList<>();
            for (int w = 0; w < windows.size(); w++) {
                TraceWindow window = windows.get(w);
                for (int c = 0; c < clients.size(); c++) {
                    if (!window.targets(clients.get(c).user()) || !member[c]) {
                        continue;
                    }
                    samples.add(new ClientConvergence(clients.get(c).clientId(), window.fault(), window.occurrence(),
                            window.end() - warmUpEnd, never[w][c] ? null : latest[w][c] - window.end()));
                }
            }
            return samples;
        }
    }

    /**
     * Per room, the convergence times of its member clients after every window that targeted
     * them: until that room alone stayed good.
     */
    static Map<String, ConvergenceTimes> byRoom(ReplayedRun run) {
        List<TraceWindow> windows = run.trace().windows();
        Map<String, List<Long>> times = new TreeMap<>();
        Map<String, Long> never = new TreeMap<>();
        for (TraceWindow window : windows) {
            long until = window.nextStart(windows);
            for (ClientTrace client : run.trace().clients()) {
                if (!window.targets(client.user())) {
                    continue;
                }
                run.replays().get(client.clientId()).forEach((room, replay) -> {
                    OptionalLong at = replay.goodFrom(window.end(), until);
                    if (at.isPresent()) {
                        times.computeIfAbsent(room, r -> new ArrayList<>()).add(at.getAsLong() - window.end());
                    } else {
                        never.merge(room, 1L, Long::sum);
                    }
                });
            }
        }
        Map<String, ConvergenceTimes> byRoom = new TreeMap<>();
        times.forEach((room, t) -> byRoom.put(room, ConvergenceTimes.of(t, never.getOrDefault(room, 0L))));
        never.forEach((room, n) -> byRoom.putIfAbsent(room, ConvergenceTimes.of(List.of(), n)));
        return byRoom;
    }
}
