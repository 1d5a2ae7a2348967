package dev.livetalk.metrics.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which server history (epoch) a run is judged against, and which commits it lost
 * (docs/METRICS.md, "Server restarts"). A restart without durable history starts a new epoch
 * numbering every room from seq 1 again; what the earlier epochs committed is gone.
 *
 * <p>The <em>final epoch</em> is the epoch of the server's last start when the trace recorded
 * its starts ({@link ServerStart}: the history the server held at the end, even when nobody
 * connected or committed after its restart); else the epoch named by the latest record of the
 * run, commits and welcomes alike, by trace time (on a tie, a welcome's). {@code null} when no record names one (a
 * single history, traces built by hand): then nothing is lost. A commit whose epoch is unknown
 * ({@code null}) is never lost.
 *
 * <p>Stateless; any thread.
 */
final class ServerEpochs {
    private ServerEpochs() {
    }

    /** The final epoch of a run: the last start's, else by the latest record; or {@code null}. */
    static String finalEpoch(List<ClientTrace> clients, Map<String, RoomLog> serverLog, List<ServerStart> starts) {
        ServerStart last = null;
        for (ServerStart start : starts) {
            if (last == null || start.at() >= last.at()) {
                last = start;
            }
        }
        return last != null ? last.epoch() : finalEpoch(clients, serverLog);
    }

    /** The final epoch of a run by its latest record, or {@code null}. */
    static String finalEpoch(List<ClientTrace> clients, Map<String, RoomLog> serverLog) {
        String epoch = null;
        long at = Long.MIN_VALUE;
        for (RoomLog log : serverLog.values()) {
            for (CommittedMessage commit : log.messages()) {
                if (commit.epoch() != null && (epoch == null || commit.committedAt() > at)) {
                    epoch = commit.epoch();
                    at = commit.committedAt();
                }
            }
        }
        for (ClientTrace client : clients) {
            for (WelcomeSeen welcome : client.welcomes()) {
                if (epoch == null || welcome.at() >= at) {
                    epoch = welcome.epoch();
                    at = welcome.at();
                }
            }
        }
        return epoch;
    }

    /** Whether a commit of {@code epoch} belongs to the final epoch {@code finalEpoch}. */
    static boolean isFinal(String epoch, String finalEpoch) {
        return epoch == null || finalEpoch == null || epoch.equals(finalEpoch);
    }

    /** Per room, the commits of the final epoch (rooms without one are absent). */
    static Map<String, RoomLog> finalLog(Map<String, RoomLog> serverLog, String finalEpoch) {
        Map<String, RoomLog> logs = new LinkedHashMap<>();
        serverLog.forEach((room, log) -> {
            List<CommittedMessage> kept = log.messages().stream().filter(m -> isFinal(m.epoch(), finalEpoch)).toList();
            if (!kept.isEmpty()) {
                logs.put(room, new RoomLog(room, kept));
            }
        });
        return logs;
    }

    /** The commits of every earlier epoch, in commit-time order. */
    static List<CommittedMessage> lost(Map<String, RoomLog> serverLog, String finalEpoch) {
        List<CommittedMessage> lost = new ArrayList<>();
        serverLog.values().forEach(log -> log.messages().stream()
                .filter(m -> !isFinal(m.epoch(), finalEpoch)).forEach(lost::add));
        lost.sort(Comparator.comparingLong(CommittedMessage::committedAt));
        return lost;
    }
}
