package dev.livetalk.reports;

import dev.livetalk.metrics.results.Invocation;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.ResultsDocument;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the report's runs were started ({@link Invocation}: when, the tool's version, the git
 * commit of its checkout, the command line), for the environment sections of
 * {@code index.html} and {@code summary.md}: one entry per distinct invocation (one for a
 * single {@code livetalk run}, several for a merge), each naming its scenarios when there are
 * several.
 *
 * <p>Stateless; any thread.
 */
final class InvocationText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private InvocationText() {
    }

    /** The distinct invocations, in the order first met, each with its scenarios. */
    static Map<Invocation, List<String>> of(List<ComparedSection> sections) {
        Map<Invocation, List<String>> byInvocation = new LinkedHashMap<>();
        for (ComparedSection section : sections) {
            for (ScenarioSection.SeedRun run : section.section().runs()) {
                ResultsDocument d = run.document();
                List<String> scenarios = byInvocation.computeIfAbsent(d.environment() == null
                        ? Invocation.NOT_RECORDED : d.environment().invocation(), i -> new ArrayList<>());
                if (!scenarios.contains(d.scenario())) {
                    scenarios.add(d.scenario());
                }
            }
        }
        return byInvocation;
    }

    /** One invocation's facts as label and value, plain text. */
    static List<String[]> facts(Invocation i) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"started", i.startedAt() == null ? "not recorded"
                : WHEN.format(Instant.parse(i.startedAt()))});
        facts.add(new String[] {"tool", i.toolVersion() == null ? "not recorded" : i.toolVersion()});
        facts.add(new String[] {"git commit", i.gitCommit() == null ? "not recorded" : i.commitText()});
        facts.add(new String[] {"command line", i.commandLine() == null ? "not recorded" : i.commandLine()});
        return facts;
    }

    /** The section of {@code summary.md}. */
    static String markdown(List<ComparedSection> sections) {
        StringBuilder md = new StringBuilder("\n### Environment: the run\n\n");
        Map<Invocation, List<String>> all = of(sections);
        all.forEach((invocation, scenarios) -> {
            if (all.size() > 1) {
                md.append("**").append(String.join(", ", scenarios)).append("**:\n\n");
            }
            if (!invocation.recorded()) {
                md.append("how the run was started is not recorded (results written before it was)\n\n");
                return;
            }
            for (String[] fact : facts(invocation)) {
                md.append("- ").append(fact[0]).append(": ")
                        .append(fact[0].equals("command line") && invocation.commandLine() != null
                                ? "`" + fact[1] + "`" : fact[1]).append('\n');
            }
            md.append('\n');
        });
        return md.toString().stripTrailing() + "\n";
    }

    /** The table of {@code index.html}'s environment section. */
    static void html(List<ComparedSection> sections, StringBuilder h) {
        Map<Invocation, List<String>> all = of(sections);
        h.append("<h3>The run</h3>\n<table class=\"figures invocation\"><thead><tr><th>started</th><th>tool</th>"
                + "<th>git commit</th><th>command line</th>").append(all.size() > 1 ? "<th>scenarios</th>" : "")
                .append("</tr></thead><tbody>\n");
        all.forEach((invocation, scenarios) -> {
            h.append("<tr>");
            for (String[] fact : facts(invocation)) {
                h.append(fact[0].equals("command line") && invocation.commandLine() != null
                        ? "<td style=\"overflow-wrap:anywhere\"><code>" + Markup.escape(fact[1]) + "</code></td>"
                        : "<td>" + Markup.escape(fact[1]) + "</td>"); // a long command line wraps, never overflows
            }
            h.append(all.size() > 1 ? "<td>" + Markup.escape(String.join(", ", scenarios)) + "</td>" : "")
                    .append("</tr>\n");
        });
        h.append("</tbody></table>\n");
    }
}
