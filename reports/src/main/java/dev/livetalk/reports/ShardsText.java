package dev.livetalk.reports;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.Words;

import java.util.ArrayList;
import java.util.List;

/**
 * The shards a report was merged from ({@link ShardOrigin}), for the environment sections of
 * {@code index.html} and {@code summary.md}: "merged from N shards", and per shard its folder
 * (relative to the report's), machine, share of the work, JVM, cores, Toxiproxy, calibration,
 * commit, start and command line
 * (in place of {@link InvocationText}, which would tell one shard's per scenario); when they differ
 * between shards, a sentence says so (their figures were measured in different places). Nothing
 * for a report that was not merged from shards.
 *
 * <p>Stateless; any thread.
 */
final class ShardsText {
    private static final List<String> HEADS = List.of("shard", "folder (relative to this report's)", "host",
            "strategy runs", "JVM", "cores", "Toxiproxy", "calibration", "git commit", "started", "command line");

    private ShardsText() {
    }

    /** {@code merged from 3 shards}, and whether they ran in one environment. */
    static String sentence(List<ShardOrigin> shards) {
        long environments = shards.stream().filter(s -> s.environment() != null).map(ShardOrigin::comparableKey)
                .distinct().count();
        return "merged from " + Words.count(shards.size(), "shard") + (environments > 1
                ? ": they ran in different environments (host, cores, JVM, Toxiproxy, calibration or commit"
                        + " differ), so figures of different shards were measured in different places"
                : ": they ran in one environment");
    }

    private static List<List<String>> rows(List<ShardOrigin> shards) {
        List<List<String>> rows = new ArrayList<>();
        for (ShardOrigin s : shards) {
            Environment e = s.environment();
            List<String> row = new ArrayList<>();
            row.add(s.shard());
            row.add(s.folder().toString());
            row.add(s.host() == null ? "not recorded" : s.host());
            row.add(s.owned() + " of " + s.units());
            if (e == null) {
                row.addAll(List.of("-", "-", "-", "-", "-", "-", "-"));
            } else {
                row.add(e.jvm() == null ? "-" : e.jvm());
                row.add(String.valueOf(e.cores()));
                row.add(e.toxiproxyVersion() == null ? "-" : e.toxiproxyVersion());
                row.add(calibration(e.calibration()));
                row.add(e.invocation().recorded() ? e.invocation().commitText() : "not recorded");
                row.add(InvocationText.facts(e.invocation()).get(0)[1]);
                row.add(e.commandLine() == null ? "not recorded" : e.commandLine());
            }
            rows.add(row);
        }
        return rows;
    }

    /** The calibration in a few words: its noise floor, or why there is none. */
    static String calibration(Calibration c) {
        return switch (c) {
            case Calibration.Measured m -> "noise floor " + FigureText.harnessLatency(m.noiseFloorNanos());
            case Calibration.VirtualTime v -> "virtual time";
            case Calibration.Skipped s -> "none";
        };
    }

    /** The section of {@code summary.md}; empty when not merged from shards. */
    static String markdown(List<ShardOrigin> shards) {
        if (shards.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Environment: the run, merged from shards\n\n").append(sentence(shards))
                .append(".\n\n| ").append(String.join(" | ", HEADS)).append(" |\n|")
                .append("---|".repeat(HEADS.size())).append('\n');
        for (List<String> row : rows(shards)) {
            md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The part of {@code index.html}'s environment section; nothing when not merged from shards. */
    static void html(List<ShardOrigin> shards, StringBuilder h) {
        if (shards.isEmpty()) {
            return;
        }
        h.append("<h3>The shards</h3>\n<p id=\"shards\">").append(Markup.escape(sentence(shards)))
                .append(".</p>\n<table class=\"figures shards\"><thead><tr>");
        HEADS.forEach(head -> h.append("<th>").append(Markup.escape(head)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (List<String> row : rows(shards)) {
            h.append("<tr>");
            row.forEach(cell -> h.append("<td>").append(Markup.escape(cell)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }
}
