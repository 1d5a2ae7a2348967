package dev.livetalk.reports;

import dev.livetalk.metrics.recovery.RefetchFigures;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The recovery table of a scenario (docs/METRICS.md, Recovery): per strategy and fault window,
 * how long until every client it targeted was back and converged ("never" in red), the clients
 * welcomed again, what they refetched per client (median, largest, sum; messages, then bytes),
 * the peak of reconnects per second, the requests sent per client (median, largest, sum), the server's
 * peak of requests per second and the acknowledged messages lost; in HTML for
 * {@code index.html} and as Markdown rows for {@code summary.md}. Shown only when a strategy has
 * recovery figures (a run with fault windows, written since they were recorded).
 *
 * <p>Stateless; any thread.
 */
final class RecoveryTable {
    static final String NOTE = "recovery: from the window's end until every client it targeted (every client for a "
            + "server fault) was welcomed again, if it reconnected, and converged; never: a client did not converge "
            + "before the next window or the end. held back by: the client that set the recovery, and whether it was "
            + "late to be welcomed again (back after: a reconnect) or to converge (converged after: catching up); of "
            + "a window that never recovered, the first client that never converged (or, after a restart, was never "
            + "welcomed again). back: clients welcomed again after the window's start, of those "
            + "targeted. refetched: messages (bytes) received again from history per targeted client until the next "
            + "window, median / largest / sum. peak: the most welcomes of every client in one second, as the clients "
            + "saw them, until the recovery ended. requests: requests sent per targeted client until the next window "
            + "(hellos, joins, leaves, history requests and resends; not first sends nor read markers), median / "
            + "largest / sum. server peak: the most requests the server received (sends included) in one second "
            + "until the recovery ended; - in results written before they were recorded. acked lost: messages the server lost after their sender saw the "
            + "ack (a restart without durable history), put on the first restart after their ack";

    private RecoveryTable() {
    }

    /** Whether any strategy of the run has recovery figures. */
    static boolean hasData(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().anyMatch(s -> !s.recovery().isEmpty());
    }

    static void of(ScenarioSection.SeedRun run, StringBuilder h) {
        StrategyTables.head(h, "strategy", "window", "type", "from", "to", "recovery", "held back by", "back", "never converged",
                "refetched messages", "refetched bytes", "peak reconnects/s", "requests", "server peak requests/s",
                "acked lost");
        for (StrategyResult s : run.document().strategies()) {
            for (WindowRecovery w : s.recovery()) {
                StrategyTables.row(h, cells(s.strategy(), w));
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">").append(Markup.escape(NOTE)).append(".</p>\n");
    }

    private static String[] cells(String strategy, WindowRecovery w) {
        List<String> cells = new ArrayList<>(List.of(Markup.escape(strategy),
                Markup.escape(w.fault() + " #" + w.occurrence()), Markup.escape(w.type() == null ? "-" : w.type()),
                num(FigureText.seconds(w.start())), num(FigureText.seconds(w.end()))));
        cells.add(w.recovered() ? num(FigureText.seconds(w.recovery())) : "<td class=\"num bad\">never</td>");
        cells.add("<td>" + Markup.escape(heldBackBy(w)) + "</td>");
        cells.add(num(w.reconnected() + " / " + w.clients()));
        cells.add(w.neverConverged() > 0 ? "<td class=\"num bad\">" + w.neverConverged() + "</td>" : num("0"));
        cells.add(num(spread(w.refetchedMessages())));
        cells.add(num(spread(w.refetchedBytes())));
        cells.add(num(Long.toString(w.reconnectPeak())));
        cells.add(num(w.requests() == null ? "-" : spread(w.requests())));
        cells.add(num(w.serverPeak() == null ? "-" : Long.toString(w.serverPeak())));
        cells.add(w.ackedLost() > 0 ? "<td class=\"num bad\">" + w.ackedLost() + "</td>" : num("0"));
        return cells.toArray(String[]::new);
    }

    /** One Markdown row per strategy and window of a scenario, with a leading scenario column. */
    static String markdownRows(String scenario, StrategyResult s) {
        StringBuilder md = new StringBuilder();
        for (WindowRecovery w : s.recovery()) {
            md.append("| ").append(scenario).append(" | ").append(s.strategy()).append(" | ").append(w.fault())
                    .append(" #").append(w.occurrence()).append(" | ").append(w.type() == null ? "-" : w.type())
                    .append(" | ").append(w.recovered() ? FigureText.seconds(w.recovery()) : "**never**")
                    .append(" | ").append(heldBackBy(w))
                    .append(" | ").append(w.reconnected()).append(" / ").append(w.clients())
                    .append(" | ").append(spread(w.refetchedMessages()))
                    .append(" | ").append(spread(w.refetchedBytes()))
                    .append(" | ").append(w.reconnectPeak())
                    .append(" | ").append(w.requests() == null ? "-" : spread(w.requests()))
                    .append(" | ").append(w.serverPeak() == null ? "-" : Long.toString(w.serverPeak()))
                    .append(" | ").append(w.ackedLost()).append(" |\n");
        }
        return md.toString();
    }

    /** The heading of the Markdown table. */
    static final String MARKDOWN_HEAD = "| scenario | strategy | window | type | recovery | held back by | back | refetched messages"
            + " | refetched bytes | peak reconnects/s | requests | server peak requests/s | acked lost |\n"
            + "|---|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";

    /** "user023 back after 10.700 s"; "-" when the results do not say (written before it was recorded). */
    private static String heldBackBy(WindowRecovery w) {
        return w.heldBackBy(FigureText::seconds).orElse("-");
    }

    private static String spread(RefetchFigures f) {
        return f.p50() + " / " + f.max() + " / " + f.total();
    }

    private static String num(String text) {
        return "<td class=\"num\">" + Markup.escape(text) + "</td>";
    }
}
