package dev.livetalk.reports;

import dev.livetalk.metrics.results.Markup;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.metrics.results.Percentiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's calibration for people, the same on the console ({@code livetalk calibrate}),
 * in {@code summary.md} and on the page: per layer the latency percentiles and the p50 as a
 * ratio of the bare echo's, and the noise floor with the rule it comes from.
 *
 * <p>Stateless; any thread.
 */
public final class CalibrationText {
    /** The column heads of {@link #rows}. */
    static final List<String> HEADS = List.of("layer", "count", "p50", "p90", "p99", "p99.9", "lost", "p50 / bare echo");

    private CalibrationText() {
    }

    /** One line: where the floor comes from and what it is. */
    public static String summary(Calibration calibration) {
        return switch (calibration) {
            case Calibration.Measured m -> String.format(Locale.ROOT,
                    "measured in %.1f s (%s sends/s per layer, strategy %s): full stack through Toxiproxy peer-first"
                            + " p50 %s = %.2fx the bare Tyrus echo p50 %s; noise floor %s (its p99 %s minus p50)",
                    m.durationNanos() / 1e9, FigureText.count(m.ratePerSecond()), m.strategy(),
                    FigureText.harnessLatency(p(m, HarnessLayer.FULL_STACK_TOXIPROXY).p50()),
                    m.p50Ratio(HarnessLayer.FULL_STACK_TOXIPROXY),
                    FigureText.harnessLatency(p(m, HarnessLayer.BARE_ECHO).p50()),
                    FigureText.harnessLatency(m.noiseFloorNanos()),
                    FigureText.harnessLatency(p(m, HarnessLayer.FULL_STACK_TOXIPROXY).p99()));
            case Calibration.VirtualTime v -> "noise floor 0: " + v.reason();
            case Calibration.Skipped s -> "noise floor 0: no calibration (" + s.reason() + ")";
        };
    }

    /** Per layer: name, count, p50, p90, p99, p99.9 (from the intended send time), lost, p50 ratio. */
    static List<List<String>> rows(Calibration.Measured m) {
        List<List<String>> rows = new ArrayList<>();
        for (LayerLatency layer : m.layers()) {
            Percentiles c = layer.corrected();
            rows.add(List.of(layer.layer().label(), String.valueOf(c.count()), FigureText.harnessLatency(c.p50()),
                    FigureText.harnessLatency(c.p90()), FigureText.harnessLatency(c.p99()), FigureText.harnessLatency(c.p999()),
                    String.valueOf(layer.lost()), String.format(Locale.ROOT, "%.2fx", m.p50Ratio(layer.layer()))));
        }
        return rows;
    }

    /** The console table of {@code livetalk calibrate}, then the summary line. */
    public static String table(Calibration.Measured m) {
        StringBuilder text = new StringBuilder();
        String format = "%-21s %7s %9s %9s %9s %9s %5s %16s%n";
        text.append(String.format(Locale.ROOT, format, HEADS.toArray()));
        rows(m).forEach(row -> text.append(String.format(Locale.ROOT, format, row.toArray())));
        return text.append(summary(m)).append('\n').toString();
    }

    /** A Markdown table and the summary line. */
    static String markdown(Calibration calibration) {
        if (!(calibration instanceof Calibration.Measured m)) {
            return summary(calibration) + "\n";
        }
        StringBuilder md = new StringBuilder("| ").append(String.join(" | ", HEADS)).append(" |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows(m).forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.append('\n').append(summary(m)).append('\n').toString();
    }

    /** An HTML table and the summary line. */
    static String html(Calibration calibration) {
        StringBuilder h = new StringBuilder("<p>").append(Markup.escape(summary(calibration))).append("</p>\n");
        if (calibration instanceof Calibration.Measured m) {
            h.append("<table class=\"figures\"><thead><tr>");
            HEADS.forEach(head -> h.append("<th>").append(Markup.escape(head)).append("</th>"));
            h.append("</tr></thead><tbody>\n");
            for (List<String> row : rows(m)) {
                h.append("<tr><td>").append(Markup.escape(row.get(0))).append("</td>");
                row.subList(1, row.size()).forEach(cell -> h.append("<td class=\"num\">")
                        .append(Markup.escape(cell)).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        return h.toString();
    }

    private static Percentiles p(Calibration.Measured m, HarnessLayer layer) {
        return m.layer(layer).corrected();
    }
}
