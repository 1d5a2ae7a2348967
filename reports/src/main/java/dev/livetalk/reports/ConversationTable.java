package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RoomResult;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.Comparator;
import java.util.List;

/**
 * The conversations table of a scenario section: per strategy, its rooms worst first (see
 * {@link #WORST_FIRST}), at most {@link #ROWS} per strategy with a note of how many are hidden.
 *
 * <p>Stateless; any thread.
 */
final class ConversationTable {
    /** Rooms shown per strategy on the page. */
    static final int ROWS = 20;

    /**
     * Worst rooms first: by correctness errors (lost + duplicates + phantoms + inversions)
     * descending, then by peer-final p99 (all phases, over intended deliveries: never is the
     * highest, a room without deliveries to peers the lowest) descending, then by name.
     */
    static final Comparator<RoomResult> WORST_FIRST = Comparator.comparingLong(ConversationTable::errors).reversed()
            .thenComparing(Comparator.comparingLong(ConversationTable::peerFinalP99).reversed())
            .thenComparing(RoomResult::room);

    private ConversationTable() {
    }

    /** Whether any strategy of the run has figures per room (documents written before them have none). */
    static boolean hasData(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().anyMatch(s -> !s.rooms().isEmpty());
    }

    /** The rooms of a strategy, worst first. */
    static List<RoomResult> worstFirst(StrategyResult strategy) {
        return strategy.rooms().stream().sorted(WORST_FIRST).toList();
    }

    /** lost + duplicates + phantoms + inversions of the room. */
    static long errors(RoomResult room) {
        CorrectnessFigures c = room.correctness();
        return c.lost() + c.duplicates() + c.phantoms() + c.inversions();
    }

    /** The room's peer-final p99 over every intended delivery; -1 without deliveries to peers. */
    static long peerFinalP99(RoomResult room) {
        LatencyFigures f = room.latency("peer-final", "all");
        return f == null || f.corrected().count() == 0 ? -1 : f.corrected().p99();
    }

    static void of(ScenarioSection.SeedRun run, StringBuilder h) {
        StrategyTables.head(h, "strategy", "room", "members", "converged", "lost", "duplicates", "phantoms",
                "inversions", "causal violations", "stuck pending", "peer-final p99", "never came");
        StringBuilder hidden = new StringBuilder();
        for (StrategyResult s : run.document().strategies()) {
            List<RoomResult> rooms = worstFirst(s);
            rooms.subList(0, Math.min(ROWS, rooms.size())).forEach(r -> row(s.strategy(), r, h));
            if (rooms.size() > ROWS) {
                hidden.append(hidden.isEmpty() ? "" : "; ").append(s.strategy()).append(": ")
                        .append(rooms.size() - ROWS).append(" more rooms hidden");
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">Per room (conversation), its member clients' figures summed; "
                + "worst first: by lost + duplicates + phantoms + inversions, then by peer-final p99 (never the "
                + "highest), then by name; at most ").append(ROWS).append(" rooms per strategy")
                .append(hidden.isEmpty() ? "" : " (" + Markup.escape(hidden.toString()) + ")")
                .append(". converged: members whose transcript of the room ended exactly as its log.</p>\n");
    }

    private static void row(String strategy, RoomResult r, StringBuilder h) {
        CorrectnessFigures c = r.correctness();
        LatencyFigures peerFinal = r.latency("peer-final", "all");
        long p99 = peerFinalP99(r);
        StrategyTables.row(h, Markup.escape(strategy), Markup.escape(r.room()), num(String.valueOf(c.clients())),
                cell(c.convergedClients() + " (" + FigureText.percent(c.convergedShare()) + ")",
                        c.convergedShare() < 100),
                count(c.lost()), count(c.duplicates()), count(c.phantoms()), count(c.inversions()),
                count(c.causalViolations()), count(c.stuckPending()),
                cell(p99 < 0 ? "-" : FigureText.duration(p99), Percentiles.isNever(p99)),
                count(peerFinal == null ? 0 : peerFinal.never()));
    }

    private static String num(String text) {
        return cell(text, false);
    }

    private static String count(long value) {
        return cell(String.valueOf(value), value > 0);
    }

    private static String cell(String text, boolean bad) {
        return "<td class=\"num" + (bad ? " bad" : "") + "\">" + Markup.escape(text) + "</td>";
    }
}
