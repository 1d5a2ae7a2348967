package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's trade-off sections (docs/METRICS.md, "Telling strategies apart") of a library
 * scenario played in the simulator by several strategies, and the same sections when
 * {@code livetalk report} re-renders the folder.
 */
class TradeOffReportTest extends CommandLineTest {
    private static final Path OUTAGE = Path.of(System.getProperty("livetalk.scenarios", "../scenarios"))
            .resolve("outage.yaml");

    @TempDir
    Path dir;

    @Test
    void shouldShowTheTradeOffsOfALibraryScenarioAndRenderThemAgainFromTheFolder() throws Exception {
        Path played = dir.resolve("out");
        int code = run("run", OUTAGE.toString(), "--network", "sim", "--no-ledger", "--strategies",
                "event-only,gap-fill,reconcile,snapshot", "--out", played.toString());
        assertThat(code).as(err.toString()).isIn(ExitCode.OK.code(), ExitCode.BUDGET_FAILED.code());

        String summary = Files.readString(played.resolve("summary.md"));
        Matcher sentence = Pattern.compile("\n### Trade-offs\n\n- \\*\\*outage\\*\\*: ([^\n]+)\n").matcher(summary);
        assertThat(sentence.find()).as(summary).isTrue();
        // event-only loses what was committed while it was away; every strategy that resumes does not, and
        // refetches for it
        assertThat(sentence.group(1)).startsWith("gap-fill, reconcile and snapshot lose nothing (event-only ")
                .containsPattern(", at a cost of [\\d,–]+ messages refetched against 0 for event-only");
        assertThat(summary).contains("| scenario | figure | event-only | gap-fill | reconcile | snapshot |\n")
                .containsPattern("\\| outage \\| lost \\| [1-9]\\d* \\| \\*\\*0 ★\\*\\* \\| \\*\\*0 ★\\*\\* \\| "
                        + "\\*\\*0 ★\\*\\* \\|\n");
        String index = Files.readString(played.resolve("index.html"));
        assertThat(index).contains("<section id=\"trade-offs\"><h2>Trade-offs</h2>",
                "<img src=\"charts/01-outage-trade-off.png\"",
                "alt=\"Trade-off of outage, each strategy by refetched messages per client recovery against errors");
        assertThat(played.resolve("charts/01-outage-trade-off.png")).isNotEmptyFile();

        Path again = dir.resolve("again");
        assertThat(run("report", played.toString(), "--out", again.toString())).as(err.toString())
                .isIn(ExitCode.OK.code(), ExitCode.BUDGET_FAILED.code());
        String rerendered = Files.readString(again.resolve("summary.md"));
        assertThat(section(rerendered)).isEqualTo(section(summary));
        assertThat(again.resolve("index.html")).content().contains("<section id=\"trade-offs\">",
                "<p class=\"trade-off\"><b>Trade-off:</b> " + sentence.group(1).substring(0, 40));
        assertThat(again.resolve("charts/01-outage-trade-off.png")).isNotEmptyFile();
    }

    /** The trade-off section of a summary: from its heading to the end of the folded matrix. */
    private static String section(String summary) {
        int start = summary.indexOf("### Trade-offs");
        return summary.substring(start, summary.indexOf("</details>", start));
    }
}
