package dev.livetalk.reports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One resolved fault window of a results document's {@code faultSchedule}, in nanoseconds
 * since the end of the warm-up.
 *
 * <p>Immutable; any thread.
 *
 * @param fault      the fault's name in the scenario
 * @param type       its type ({@code down}, {@code latency}, ...)
 * @param occurrence which repetition, from 0
 * @param startNanos when it starts
 * @param endNanos   when it ends
 * @param clients    the clients it targets
 * @param direction  {@code upstream}, {@code downstream} or {@code both}
 */
public record FaultWindow(String fault, String type, int occurrence, long startNanos, long endNanos,
                          List<String> clients, String direction) {
    public FaultWindow {
        clients = List.copyOf(clients);
    }

    /** The windows of a {@code faultSchedule} tree; none for a missing or empty schedule. */
    public static List<FaultWindow> of(JsonNode schedule) {
        List<FaultWindow> windows = new ArrayList<>();
        if (schedule == null) {
            return windows;
        }
        for (JsonNode w : schedule.path("windows")) {
            List<String> clients = new ArrayList<>();
            w.path("clients").forEach(c -> clients.add(c.asText()));
            windows.add(new FaultWindow(w.path("fault").asText("?"), w.path("type").asText("?"),
                    w.path("occurrence").asInt(), w.path("startNanos").asLong(), w.path("endNanos").asLong(),
                    clients, w.path("direction").asText("")));
        }
        return windows;
    }

    /** The row label of the fault timeline: {@code outage: down, 8 clients}. */
    public String label() {
        String who = clients.size() <= 3 ? String.join(", ", clients) : clients.size() + " clients";
        return fault + ": " + type + (who.isEmpty() ? "" : " → " + who);
    }
}
