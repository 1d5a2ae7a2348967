package dev.livetalk.reports;

import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.Words;

import java.util.List;

/**
 * The budgets a run did not judge, as {@code summary.md}, the report's page and a seed sweep's
 * {@code sweep.md} list them, under the verdict: one {@link Verdict.NotJudged#line()} each, under
 * a heading that says whether a scenario judged nothing (the verdict is then NOT JUDGED). Nothing
 * when every budget applied to a strategy played.
 *
 * <p>Stateless; any thread.
 */
public final class NotJudgedText {
    private NotJudgedText() {
    }

    /** The heading: that a scenario judged nothing, else how many budgets were not judged. */
    static String heading(List<Verdict.NotJudged> budgets, boolean nothingJudged) {
        return nothingJudged ? "Not judged: a scenario's budgets all apply to strategies the run did not play."
                : "Not judged (" + Words.count(budgets.size(), "budget") + "):";
    }

    /** The Markdown of the run judged by {@code verdict}. */
    static void markdown(Verdict verdict, StringBuilder md) {
        markdown(verdict.notJudged(), verdict.outcome() == Verdict.Outcome.NOT_JUDGED, md);
    }

    /** The Markdown of {@code budgets}, {@code nothingJudged} when the outcome is NOT JUDGED; nothing without. */
    public static void markdown(List<Verdict.NotJudged> budgets, boolean nothingJudged, StringBuilder md) {
        if (budgets.isEmpty()) {
            return;
        }
        String heading = heading(budgets, nothingJudged);
        md.append(nothingJudged ? "**" + heading + "**" : heading).append("\n\n");
        budgets.forEach(b -> md.append("- ").append(b.line()).append('\n'));
        md.append('\n');
    }

    /** The page's paragraph and list under the verdict, of the run judged by {@code verdict}; nothing without. */
    static void html(Verdict verdict, StringBuilder h) {
        List<Verdict.NotJudged> budgets = verdict.notJudged();
        if (budgets.isEmpty()) {
            return;
        }
        h.append("<div class=\"missing\" id=\"not-judged\"><p>")
                .append(Markup.escape(heading(budgets, verdict.outcome() == Verdict.Outcome.NOT_JUDGED)))
                .append("</p>\n<ul>\n");
        budgets.forEach(b -> h.append("<li>").append(Markup.escape(b.line())).append("</li>\n"));
        h.append("</ul></div>\n");
    }
}
