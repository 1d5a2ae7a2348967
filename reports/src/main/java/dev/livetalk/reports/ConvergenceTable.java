package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;

import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The convergence table of a scenario section: per strategy and client, when it converged after
 * each fault window that targeted it (seconds after the end of the window in that strategy's
 * run, "at once" for 0, "never" in red, "-" when the window did not target it); columns are headed by the
 * scheduled end. The slowest clients first, at most {@link #CLIENTS} per
 * strategy.
 *
 * <p>Stateless; any thread.
 */
final class ConvergenceTable {
    /** Clients shown per strategy. */
    static final int CLIENTS = 30;
    /** What a convergence time of 0 says, and what it does not. */
    static final String AT_ONCE = "At once: the display had no gap and no line out of order when the window ended, "
            + "and kept so. A prefix need not be the whole log: messages still due and own sends still pending then "
            + "(Correctness over time) do not count against it; the time until the targeted clients were back and "
            + "had everything is the recovery";

    /** A column: one fault window, whose end differs a little between strategies' runs. */
    private record Window(String fault, int occurrence) {
    }

    private ConvergenceTable() {
    }

    /** Whether any strategy of the run has convergence per client. */
    static boolean hasData(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().anyMatch(s -> !s.convergenceByClient().isEmpty());
    }

    static void of(ScenarioSection.SeedRun run, StringBuilder h) {
        Map<Window, Long> ends = ends(run);
        List<Window> windows = List.copyOf(ends.keySet());
        List<String> columns = new ArrayList<>(List.of("strategy", "client"));
        windows.forEach(w -> columns.add(w.fault() + " #" + w.occurrence() + " (ends "
                + FigureText.seconds(ends.get(w)) + ")"));
        StrategyTables.head(h, columns.toArray(String[]::new));
        List<String> notes = new ArrayList<>();
        for (StrategyResult s : run.document().strategies()) {
            Map<String, Map<Window, Long>> byClient = byClient(s);
            List<String> clients = byClient.keySet().stream()
                    .sorted(Comparator.comparingLong((String c) -> -worst(byClient.get(c)))).toList();
            for (String client : clients.subList(0, Math.min(CLIENTS, clients.size()))) {
                row(s.strategy(), client, windows, byClient.get(client), h);
            }
            if (clients.size() > CLIENTS) {
                notes.add(s.strategy() + ": " + (clients.size() - CLIENTS) + " more clients, each converged "
                        + "at least as fast as the last one shown");
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">Seconds from the end of each fault window until every room "
                + "of the client stayed a complete, correctly ordered prefix of its entitled log; never: not before "
                + "the next window or the end of the run; -: the window did not target the client. "
                + Markup.escape(AT_ONCE))
                .append(notes.isEmpty() ? "" : ". " + Markup.escape(String.join("; ", notes)))
                .append(".</p>\n");
    }

    private static void row(String strategy, String client, List<Window> windows, Map<Window, Long> times,
                            StringBuilder h) {
        List<String> cells = new ArrayList<>(List.of(Markup.escape(strategy), Markup.escape(client)));
        for (Window w : windows) {
            if (!times.containsKey(w)) {
                cells.add("<td class=\"num\">-</td>");
            } else {
                Long nanos = times.get(w);
                cells.add(nanos == null ? "<td class=\"num bad\">never</td>"
                        : "<td class=\"num\">" + FigureText.convergence(nanos) + "</td>");
            }
        }
        StrategyTables.row(h, cells.toArray(String[]::new));
    }

    /** The slowest time of a client, never converging counting as the longest. */
    private static long worst(Map<Window, Long> times) {
        return times.values().stream().mapToLong(t -> t == null ? Long.MAX_VALUE : t).max().orElse(0);
    }

    /**
     * The windows with samples, by end: the scheduled end from the fault schedule, else the
     * earliest end a strategy's run recorded.
     */
    private static Map<Window, Long> ends(ScenarioSection.SeedRun run) {
        Map<Window, Long> ends = new LinkedHashMap<>();
        run.document().strategies().forEach(s -> s.convergenceByClient()
                .forEach(c -> ends.merge(window(c), c.windowEnd(), Math::min)));
        for (FaultWindow w : run.document().faultSchedule().windows()) {
            ends.computeIfPresent(new Window(w.fault(), w.occurrence()), (k, v) -> w.end().toNanos());
        }
        Map<Window, Long> sorted = new LinkedHashMap<>();
        ends.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Per client, in the document's order, per window its time (a null value: never). */
    private static Map<String, Map<Window, Long>> byClient(StrategyResult s) {
        Map<String, Map<Window, Long>> byClient = new LinkedHashMap<>();
        for (ClientConvergence c : s.convergenceByClient()) {
            byClient.computeIfAbsent(c.clientId(), k -> new LinkedHashMap<>()).put(window(c), c.convergedAfter());
        }
        return byClient;
    }

    private static Window window(ClientConvergence c) {
        return new Window(c.fault(), c.occurrence());
    }
}
