package dev.livetalk.metrics.results;

import dev.livetalk.metrics.gate.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the JUnit XML CI systems show: one test suite per scenario and strategy, one test
 * case per budget, per correctness {@link Invariant} and per baseline comparison. It follows
 * the {@link Verdict}: a case fails exactly when the verdict counts it as a failure, so a run
 * that passes has no failure here. A broken invariant is not gated: its case is
 * {@code <skipped>} with the observed figure and the budget that would gate it; so is a budget
 * that applies to no strategy the run played, in a suite {@code SCENARIO.not-judged}, and a run
 * that judged nothing of a scenario with budgets gets a suite {@code livetalk.budgets} whose case
 * fails saying so (a CI page shows red, as the exit code is not 0). A run that
 * stopped early gets one more suite, {@code livetalk.run}, whose case is an {@code <error>}
 * saying why. Deterministic text (no timestamps, no host), pinned by a golden file and
 * validated against a JUnit XML schema in the tests.
 *
 * <p>Stateless; any thread.
 */
public final class JunitXmlWriter {
    private JunitXmlWriter() {
    }

    private enum Kind { PASSED, FAILURE, SKIPPED, ERROR }

    private record Case(String name, Kind kind, String message) {
        static Case passed(String name) {
            return new Case(name, Kind.PASSED, null);
        }
    }

    /** The XML of one scenario's document and its baseline comparisons, named after the scenario. */
    public static String toXml(ResultsDocument document, List<RegressionVerdict> comparisons) {
        return toXml(document.scenario(), Verdict.of(document, comparisons));
    }

    /** The XML of one scenario's document without baseline comparisons. */
    public static String toXml(ResultsDocument document) {
        return toXml(document, List.of());
    }

    /** The XML of a whole run as {@code verdict} judged it, {@code name} on the root. */
    public static String toXml(String name, Verdict verdict) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (Verdict.CheckedRun run : verdict.runs()) {
            for (StrategyResult strategy : run.document().strategies()) {
                List<Case> cases = casesOf(verdict, run, strategy);
                tests += cases.size();
                failures += count(cases, Kind.FAILURE);
                suite(suites, run.document().scenario() + "." + strategy.strategy(), cases);
            }
        }
        for (Verdict.CheckedRun run : verdict.runs()) {
            if (!run.document().notJudged().isEmpty()) {
                List<Case> unjudged = run.document().notJudged().stream()
                        .map(b -> new Case("budget: " + b.budget(), Kind.SKIPPED, b.message())).toList();
                tests += unjudged.size();
                suite(suites, run.document().scenario() + ".not-judged", unjudged);
            }
        }
        if (verdict.outcome() == Verdict.Outcome.NOT_JUDGED) {
            List<Case> nothing = verdict.judgedNothing().stream().map(r -> new Case("budgets judged: "
                    + r.document().scenario(), Kind.FAILURE, Verdict.nothingJudged(r.document().scenario(),
                    "seed " + r.document().seed(), r.document().notJudged().size()))).toList();
            tests += nothing.size();
            failures += nothing.size();
            suite(suites, "livetalk.budgets", nothing);
        }
        if (verdict.outcome() == Verdict.Outcome.UNTRUSTED) {
            List<Case> untrusted = List.of(new Case("harness health (--strict)", Kind.ERROR,
                    String.join("\n", verdict.health())));
            tests += 1;
            errors += 1;
            suite(suites, "livetalk.health", untrusted);
        }
        if (verdict.stop().isPresent()) {
            List<Case> stopped = List.of(new Case("run finished", Kind.ERROR, verdict.stop().get().sentence()));
            tests += 1;
            errors += 1;
            suite(suites, "livetalk.run", stopped);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + Markup.escape(name) + "\" tests=\""
                + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\">\n" + suites + "</testsuites>\n";
    }

    private static List<Case> casesOf(Verdict verdict, Verdict.CheckedRun run, StrategyResult strategy) {
        List<Case> cases = new ArrayList<>();
        for (BudgetVerdict budget : strategy.budgets()) {
            String name = "budget: " + budget.budget();
            cases.add(verdict.fails(run.document(), budget) ? new Case(name, Kind.FAILURE, budget.message())
                    : Case.passed(name));
        }
        for (Invariant invariant : Invariant.values()) {
            cases.add(invariant(invariant, strategy));
        }
        for (RegressionVerdict comparison : run.comparisons()) {
            if (comparison.strategy().equals(strategy.strategy())) {
                String name = "baseline: " + comparison.figure();
                cases.add(verdict.fails(run.document(), comparison)
                        ? new Case(name, Kind.FAILURE, comparison.message()) : Case.passed(name));
            }
        }
        return cases;
    }

    /** A kept invariant passes; a broken one is reported as skipped: only budgets gate. */
    private static Case invariant(Invariant invariant, StrategyResult strategy) {
        String name = "invariant: " + invariant.expression();
        if (invariant.holds(strategy.correctness())) {
            return Case.passed(name);
        }
        return new Case(name, Kind.SKIPPED, "not gated: " + invariant.expression() + " broken, observed "
                + invariant.observedText(strategy.correctness()) + "; to gate it, add the budget '"
                + invariant.expression() + " for " + strategy.strategy() + "' to the scenario");
    }

    private static int count(List<Case> cases, Kind kind) {
        return (int) cases.stream().filter(c -> c.kind() == kind).count();
    }

    private static void suite(StringBuilder out, String name, List<Case> cases) {
        String className = Markup.escape(name);
        out.append("  <testsuite name=\"").append(className).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(count(cases, Kind.FAILURE)).append("\" errors=\"")
                .append(count(cases, Kind.ERROR)).append("\" skipped=\"").append(count(cases, Kind.SKIPPED))
                .append("\">\n");
        for (Case c : cases) {
            out.append("    <testcase classname=\"").append(className).append("\" name=\"").append(Markup.escape(c.name()))
                    .append('"');
            if (c.kind() == Kind.PASSED) {
                out.append("/>\n");
            } else {
                out.append(">\n      <").append(c.kind().name().toLowerCase(Locale.ROOT)).append(" message=\"")
                        .append(Markup.escape(c.message())).append("\"/>\n").append("    </testcase>\n");
            }
        }
        out.append("  </testsuite>\n");
    }
}
