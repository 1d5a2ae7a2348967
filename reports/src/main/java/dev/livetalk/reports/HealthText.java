package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.Health;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's health as the report and {@code summary.md} say it, under the verdict: which
 * strategy runs the harness was too late in to trust their latency figures (each document's
 * {@code health}, as the console's {@link Health#warnings} says it), with their seeds. Nothing when every run was
 * trusted. Under {@code --strict} the verdict itself is UNTRUSTED; without, this is where a
 * reviewer of the report learns it.
 *
 * <p>Stateless; any thread.
 */
final class HealthText {
    private HealthText() {
    }

    /**
     * Per strategy run the harness was too late in: {@code "outage (seed 1) / event-only: 9 of 80 sends (11.3%)
     * over 10 ms late, scheduling-lag p99 197.0 ms"} ({@link Health#lateness}), in the order of the runs; empty
     * when every run was trusted.
     */
    static List<String> untrusted(Verdict verdict) {
        List<String> lines = new ArrayList<>();
        for (Verdict.CheckedRun run : verdict.runs()) {
            ResultsDocument document = run.document();
            for (Health.StrategyHealth strategy : document.health().strategies()) {
                if (!strategy.trusted()) {
                    lines.add(String.format(Locale.ROOT, "%s (seed %d) / %s: %s", document.scenario(), document.seed(),
                            strategy.strategy(), Health.lateness(strategy)));
                }
            }
        }
        return lines;
    }

    /**
     * The paragraph: how many runs are untrusted on latency, by which rule (and the older one, for a
     * results.json written before the count of late sends), and what {@code --strict} does.
     */
    static String sentence(Verdict verdict, int untrusted) {
        boolean older = verdict.runs().stream().flatMap(r -> r.document().health().strategies().stream())
                .anyMatch(s -> !s.trusted() && s.lateSends() == null);
        return String.format(Locale.ROOT, "Harness health: the harness sent %s (its own scheduling lag)%s in %d of"
                        + " %s: it was late itself, so their latency figures, and any ranking on latency, are not to be"
                        + " trusted (rerun on a quieter machine; --strict makes such a run UNTRUSTED, exit 1).",
                Health.rule(), older ? String.format(Locale.ROOT, ", or, in an older results.json without that count,"
                        + " its scheduling-lag p99 was over %.0f ms,", Health.SCHEDULING_LAG_LIMIT_NANOS / 1e6) : "",
                untrusted, Words.count(verdict.strategyRuns(), "strategy run"));
    }

    /** The report's paragraph and list under the verdict; nothing when every run was trusted. */
    static void html(Verdict verdict, StringBuilder h) {
        List<String> lines = untrusted(verdict);
        if (lines.isEmpty()) {
            return;
        }
        h.append("<div class=\"missing\" id=\"health\"><p>").append(Markup.escape(sentence(verdict, lines.size())))
                .append("</p>\n<ul>\n");
        lines.forEach(line -> h.append("<li>").append(Markup.escape(line)).append("</li>\n"));
        h.append("</ul></div>\n");
    }

    /** {@code summary.md}'s paragraph and list (folded) under the verdict; nothing when every run was trusted. */
    static void markdown(Verdict verdict, StringBuilder md) {
        List<String> lines = untrusted(verdict);
        if (lines.isEmpty()) {
            return;
        }
        md.append("**").append(sentence(verdict, lines.size()))
                .append("**\n\n<details><summary>The untrusted strategy runs</summary>\n\n");
        lines.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n</details>\n\n");
    }
}
