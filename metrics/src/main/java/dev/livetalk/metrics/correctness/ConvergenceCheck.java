package dev.livetalk.metrics.correctness;

import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.ClientTrace;
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

    /** Windows in start order, then clients in trace order; window ends since the end of the warm-up. */
    static List<ClientConvergence> byClient(ReplayedRun run) {
        List<TraceWindow> windows = run.trace().windows();
        long warmUpEnd = run.trace().measuredFrom();
        List<ClientConvergence> samples = new ArrayList<>();
        for (TraceWindow window : windows) {
            long until = nextStartAfter(windows, window.end());
            for (ClientTrace client : run.trace().clients()) {
                Map<String, RoomReplay> rooms = run.replays().get(client.clientId());
                if (!window.targets(client.user()) || rooms.isEmpty()) {
                    continue;
                }
                OptionalLong at = convergedAt(rooms, window.end(), until);
                samples.add(new ClientConvergence(client.clientId(), window.fault(), window.occurrence(),
                        window.end() - warmUpEnd, at.isPresent() ? at.getAsLong() - window.end() : null));
            }
        }
        return samples;
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
            long until = nextStartAfter(windows, window.end());
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

    /** The latest of the rooms' moments; empty when one room never got there. */
    private static OptionalLong convergedAt(Map<String, RoomReplay> rooms, long from, long until) {
        long latest = from;
        for (RoomReplay room : rooms.values()) {
            OptionalLong at = room.goodFrom(from, until);
            if (at.isEmpty()) {
                return at;
            }
            latest = Math.max(latest, at.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    private static long nextStartAfter(List<TraceWindow> windows, long end) {
        return windows.stream().mapToLong(TraceWindow::start).filter(s -> s >= end).min().orElse(Long.MAX_VALUE);
    }
}
