package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.Words;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables of a scenario section: fault windows, correctness and convergence per strategy,
 * the spread across seeds, the baseline comparison, budgets, latency per strategy and phase,
 * and the first examples of errors.
 *
 * <p>Stateless; any thread.
 */
final class StrategyTables {
    /** Examples shown per strategy. */
    static final int EXAMPLES = 12;

    private StrategyTables() {
    }

    static void faultWindows(List<FaultWindow> windows, StringBuilder h) {
        if (windows.isEmpty()) {
            return;
        }
        h.append("<details><summary>").append(Words.count(windows.size(), "fault window")).append("</summary>\n");
        head(h, "fault", "type", "start", "end", "direction", "clients");
        for (FaultWindow w : windows) {
            row(h, esc(w.fault() + " #" + w.occurrence()), esc(w.kind().yamlName()), num(FigureText.seconds(w.start().toNanos())),
                    num(FigureText.seconds(w.end().toNanos())), esc(w.direction().yamlName()), esc(String.join(", ", w.clients())));
        }
        h.append("</tbody></table></details>\n");
    }

    static void correctness(ScenarioSection s, StringBuilder h) {
        h.append("<table class=\"figures\"><thead><tr>");
        for (String c : List.of("strategy", "seed", "clients", "converged", "lost", "duplicates", "phantoms",
                "inversions", "Kendall tau", "n - LIS", "moves", "causal violations", "stuck pending")) {
            h.append("<th rowspan=\"2\">").append(esc(c)).append("</th>");
        }
        h.append("<th colspan=\"4\" class=\"group\">convergence after a fault window</th></tr>\n<tr>");
        for (String c : List.of("p50", "p99", "max", "never")) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (ScenarioSection.SeedRun run : s.runs()) {
            for (StrategyResult r : run.document().strategies()) {
                CorrectnessFigures c = r.correctness();
                ConvergenceFigures cv = c.convergence();
                row(h, "<td class=\"strategy\">" + esc(r.strategy()) + "</td>", num(String.valueOf(run.document().seed())),
                        num(String.valueOf(c.clients())),
                        bad(c.convergedClients() + " (" + FigureText.percent(c.convergedShare()) + ")",
                                c.convergedShare() < 100),
                        count(c.lost()), count(c.duplicates()), count(c.phantoms()), count(c.inversions()),
                        num(String.format(Locale.ROOT, "%.4f", c.kendallTau())), count(c.notInLongestRun()),
                        count(c.moves()), count(c.causalViolations()), count(c.stuckPending()),
                        num(time(cv.p50())), num(time(cv.p99())), num(time(cv.max())),
                        bad(cv.neverConverged() + " of " + cv.samples(), cv.neverConverged() > 0));
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">Convergence: per fault window and client it targeted, the "
                + "time from the window's end until every room of the client stayed a complete, correctly ordered "
                + "prefix of its entitled log (s); never: samples that did not converge before the next window or the "
                + "end. ").append(esc(ConvergenceTable.AT_ONCE)).append(".</p>\n");
    }

    /** Whether the statuses users saw told the truth, with how long a sender's status stood still. */
    static void statusTruth(ScenarioSection s, StringBuilder h) {
        head(h, "strategy", "seed", "unfounded delivered", "unfounded read", "status ahead", "status backwards",
                "missing echoes", "silent-wait p50", "silent-wait p99");
        for (ScenarioSection.SeedRun run : s.runs()) {
            for (StrategyResult r : run.document().strategies()) {
                CorrectnessFigures c = r.correctness();
                LatencyFigures wait = r.latency("silent-wait", "all");
                row(h, esc(r.strategy()), num(String.valueOf(run.document().seed())), count(c.unfoundedDelivered()),
                        count(c.unfoundedRead()), count(c.statusAhead()), count(c.statusBackwards()),
                        count(c.missingEchoes()), wait == null ? num("-") : latency(wait.corrected().p50()),
                        wait == null ? num("-") : latency(wait.corrected().p99()));
            }
        }
        h.append("</tbody></table>\n<p class=\"note\">Unfounded: (client, message) pairs a delivered or read marker "
                + "of the client covered before it showed the message. Ahead: own sends shown delivered before another "
                + "member showed the message, or read before another member's read marker covered it. Backwards: own "
                + "sends whose line went back to an earlier status. Silent wait: per send, the longest time its status "
                + "stood still, from the intended send until read or failed (- in documents written before it was "
                + "measured).</p>\n");
    }

    static void seeds(ScenarioSection s, StringBuilder h) {
        head(h, "strategy", "runs", "lost", "duplicates", "inversions", "converged", "peer-final p99");
        for (String strategy : s.strategies()) {
            List<KeyFigures> runs = s.results(strategy).stream().map(KeyFigures::of).toList();
            row(h, esc(strategy), num(String.valueOf(runs.size())),
                    num(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::lost), FigureText::count)),
                    num(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::duplicates), FigureText::count)),
                    num(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::inversions), FigureText::count)),
                    num(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::convergedShare), FigureText::percent)),
                    num(FigureText.spread(KeyFigures.Spread.of(runs, KeyFigures::peerFinalP99Nanos),
                            FigureText::duration)));
        }
        h.append("</tbody></table>\n<p class=\"note\">min..max (median) over the seeds; one value when every seed "
                + "agrees. Each seed's own figures are in the correctness table above.</p>\n");
    }

    static void baseline(ComparedSection v, StringBuilder h) {
        List<ComparedSection.SeededComparison> all = v.allComparisons();
        if (all.isEmpty()) {
            h.append("<p class=\"note\">The baseline has no results of this scenario.</p>\n");
            return;
        }
        long failed = all.stream().filter(r -> !r.comparison().passed()).count();
        h.append("<details").append(failed > 0 ? " open" : "").append("><summary>")
                .append(Words.count(all.size(), "figure")).append(" compared, ").append(failed).append(" regressed</summary>\n");
        head(h, "strategy", "figure", "baseline", "now", "change", "verdict");
        all.stream().sorted(Comparator.comparing(r -> r.comparison().passed())).forEach(r -> {
            RegressionVerdict x = r.comparison();
            boolean latency = x.figure().contains(" p");
            row(h, esc(x.strategy()), esc(x.figure()), num(latency ? FigureText.duration(x.baseline())
                            : FigureText.count(x.baseline())),
                    num(latency ? FigureText.duration(x.current()) : FigureText.count(x.current())),
                    num(SummaryMarkdown.change(x).replace(" FAIL", "")),
                    bad(x.change().text(), !x.passed()));
        });
        h.append("</tbody></table></details>\n");
    }

    static void budgets(ScenarioSection s, StringBuilder h) {
        head(h, "strategy", "seed", "budget", "verdict", "observed");
        boolean any = false;
        for (ScenarioSection.SeedRun run : s.runs()) {
            for (StrategyResult r : run.document().strategies()) {
                for (BudgetVerdict b : r.budgets()) {
                    any = true;
                    row(h, esc(r.strategy()), num(String.valueOf(run.document().seed())), "<code>" + esc(b.budget())
                            + "</code>", bad(b.passed() ? "holds" : "FAILS", !b.passed()), esc(b.message()));
                }
            }
        }
        h.append("</tbody></table>\n");
        if (!any) {
            h.append("<p class=\"note\">No budgets apply to this scenario's strategies.</p>\n");
        }
    }

    static void latency(ScenarioSection.SeedRun run, StringBuilder h) {
        for (StrategyResult r : run.document().strategies()) {
            h.append("<details><summary>").append(esc(r.strategy())).append("</summary>\n");
            head(h, "metric", "phase", "intended", "never came", "p50", "p90", "p99", "p99.9", "max", "raw p99",
                    "p99 of completed only");
            for (LatencyFigures f : r.latency()) {
                if (f.corrected().count() == 0) {
                    continue;
                }
                Percentiles p = f.corrected();
                row(h, esc(f.metric()), esc(f.phase()), num(String.valueOf(p.count())), count(f.never()),
                        latency(p.p50()), latency(p.p90()), latency(p.p99()), latency(p.p999()), latency(p.max()),
                        latency(f.raw().p99()), num(FigureText.duration(f.completedOnly().corrected().p99())));
            }
            h.append("</tbody></table></details>\n");
        }
        h.append("<p class=\"note\">Over every intended delivery: one that never came by the end of the run counts "
                + "as never (+infinity), so a percentile reads never once more than its share never came (p99: more "
                + "than 1%). Corrected figures (from the intended send time); raw p99 from the actual send; the last "
                + "column leaves out what never came (completed deliveries only). Phases: before, during and after "
                + "the fault windows, by intended send time.</p>\n");
    }

    /**
     * The first examples of errors of {@code run}, each with its story and the command that prints
     * it; the command names the scenario's folder relative to {@code commandsFrom} (the report's
     * folder: it holds for a copy of the report with the run's folders in the same places beside
     * it, a CI artifact), or absolute when it is {@code null}.
     */
    static void examples(ScenarioSection.SeedRun run, java.nio.file.Path commandsFrom, StringBuilder h) {
        boolean any = run.document().strategies().stream().anyMatch(r -> !r.examples().isEmpty());
        if (!any) {
            h.append("<p class=\"note\">None recorded.</p>\n");
            return;
        }
        String[] columns = {"strategy", "kind", "client", "room", "seq", "message id", "at (s since warm-up end)"};
        head(h, columns);
        List<StrategyResult> strategies = run.document().strategies();
        for (int i = 0; i < strategies.size(); i++) {
            StrategyResult r = strategies.get(i);
            Optional<ExampleStories> stories = r.examples().isEmpty() ? Optional.empty()
                    : ExampleStories.of(run.folders().get(i), r.strategy()).map(s -> s.from(commandsFrom));
            for (Example e : r.examples().subList(0, Math.min(EXAMPLES, r.examples().size()))) {
                row(h, esc(r.strategy()), esc(e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                        esc(e.clientId()), esc(e.room()), num(e.seq() == 0 ? "-" : String.valueOf(e.seq())),
                        "<code>" + esc(e.messageId()) + "</code>", num(FigureText.seconds(e.at())));
                stories.ifPresent(s -> s.row(e, columns.length, h));
            }
        }
        h.append("</tbody></table>\n");
        if (commandsFrom != null) {
            h.append("<p class=\"note\">The commands name the run's folders relative to this report's folder:"
                    + " run them there (<code>cd</code> into the folder of this page first).</p>\n");
        }
    }

    static void head(StringBuilder h, String... columns) {
        h.append("<table class=\"figures\"><thead><tr>");
        for (String c : columns) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
    }

    /** A row of already-built cells ({@code <td>...</td>} or plain text to wrap). */
    static void row(StringBuilder h, String... cells) {
        h.append("<tr>");
        for (String c : cells) {
            h.append(c.startsWith("<td") ? c : "<td>" + c + "</td>");
        }
        h.append("</tr>\n");
    }

    private static String esc(String text) {
        return Markup.escape(text == null ? "" : text);
    }

    private static String num(String text) {
        return "<td class=\"num\">" + esc(text) + "</td>";
    }

    private static String count(long value) {
        return bad(String.valueOf(value), value > 0);
    }

    private static String bad(String text, boolean bad) {
        return "<td class=\"num" + (bad ? " bad" : "") + "\">" + esc(text) + "</td>";
    }

    private static String latency(long nanos) {
        return bad(FigureText.duration(nanos), Percentiles.isNever(nanos));
    }

    private static String time(Long nanos) {
        return nanos == null ? "-" : FigureText.convergence(nanos);
    }
}
