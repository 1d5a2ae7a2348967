package dev.livetalk.metrics.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the JUnit XML CI systems show: one test suite per strategy, one test case per
 * budget verdict, per correctness {@link Invariant} and per baseline comparison, each failed
 * one with a failure message that says the figure and the rule. Deterministic text (no
 * timestamps, no host), pinned by a golden file.
 *
 * <p>Stateless; any thread.
 */
public final class JunitXmlWriter {
    private JunitXmlWriter() {
    }

    private record Case(String name, String failure) {
    }

    /** The XML of a document's verdicts and invariants, without baseline comparisons. */
    public static String toXml(ResultsDocument document) {
        return toXml(document, List.of());
    }

    /** The XML of a document's verdicts and invariants, and the baseline comparisons. */
    public static String toXml(ResultsDocument document, List<RegressionVerdict> regressions) {
        return toXml(document.scenario(), List.of(new Scenario(document, regressions)));
    }

    /**
     * One scenario's results and its baseline comparisons, a part of a run's XML.
     *
     * @param document    the results
     * @param regressions the baseline comparisons (empty without a baseline)
     */
    public record Scenario(ResultsDocument document, List<RegressionVerdict> regressions) {
        public Scenario {
            regressions = List.copyOf(regressions);
        }
    }

    /** The XML of a whole run, {@code name} on the root: one test suite per scenario and strategy. */
    public static String toXml(String name, List<Scenario> scenarios) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        for (Scenario scenario : scenarios) {
            for (StrategyResult strategy : scenario.document().strategies()) {
                List<Case> cases = casesOf(strategy, scenario.regressions());
                tests += cases.size();
                failures += (int) cases.stream().filter(c -> c.failure() != null).count();
                suite(suites, scenario.document().scenario(), strategy.strategy(), cases);
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + escape(name) + "\" tests=\""
                + tests + "\" failures=\"" + failures + "\">\n" + suites + "</testsuites>\n";
    }

    private static List<Case> casesOf(StrategyResult strategy, List<RegressionVerdict> regressions) {
        List<Case> cases = new ArrayList<>();
        for (BudgetVerdict verdict : strategy.budgets()) {
            cases.add(new Case("budget: " + verdict.budget(), verdict.passed() ? null : verdict.message()));
        }
        for (Invariant invariant : Invariant.values()) {
            boolean holds = invariant.holds(strategy.correctness());
            cases.add(new Case("invariant: " + invariant.expression(), holds ? null
                    : invariant.expression() + " failed: observed " + format(invariant.observed(strategy.correctness()))));
        }
        for (RegressionVerdict regression : regressions) {
            if (regression.strategy().equals(strategy.strategy())) {
                cases.add(new Case("baseline: " + regression.figure(), regression.passed() ? null : regression.message()));
            }
        }
        return cases;
    }

    private static void suite(StringBuilder out, String scenario, String strategy, List<Case> cases) {
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        String className = escape(scenario + "." + strategy);
        out.append("  <testsuite name=\"").append(className).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Case c : cases) {
            out.append("    <testcase classname=\"").append(className).append("\" name=\"").append(escape(c.name()))
                    .append('"');
            if (c.failure() == null) {
                out.append("/>\n");
            } else {
                out.append(">\n      <failure message=\"").append(escape(c.failure())).append("\"/>\n")
                        .append("    </testcase>\n");
            }
        }
        out.append("  </testsuite>\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Escapes text for an XML attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
