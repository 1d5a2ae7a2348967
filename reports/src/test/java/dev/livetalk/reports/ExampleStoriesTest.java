package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.results.ResultsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's examples embed each one's story when the scenario's folder has the ledger. */
class ExampleStoriesTest {
    @TempDir
    Path temp;

    /** A ledger holding the message of {@code example}, sent by "ann&co" (to see the escaping), never shown at its client. */
    private static Ledger ledgerOf(Example example) {
        String key = "send:ann&co-1:x1";
        MessageRow m = new MessageRow(key, example.room(), "ann&co", example.messageId(), example.seq(), null,
                100_000L, 100_000L, 100_000L, 1, List.of(new MessageRow.Sent("x1", 100_000)), List.of("x1"),
                100_000L, 130_000L, 120_000L, List.of(new MessageRow.Commit(example.seq(), example.messageId(), "x1",
                120_000)), List.of(new MessageRow.StatusStep("pending", 100_000)), "pending", 0);
        DeliveryRow d = new DeliveryRow(key, example.room(), example.seq(), "ann&co", example.clientId(), null, null,
                null, 0, 0, null, null, null, null);
        return new Ledger(List.of(m), List.of(d), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void shouldEmbedEachExamplesStoryWithTheCommandThatPrintsIt() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"), d -> d);
        Example example = ResultsJson.read(results).strategy("event-only").examples().get(0);
        LedgerFiles.write(LedgerFolder.of(temp.resolve("in"), "event-only"),
                new LedgerFiles.Stamp("outage", "event-only", 1), ledgerOf(example));

        String html = Files.readString(ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty()).index());

        assertThat(html).contains("<tr class=\"story\"><td colspan=\"7\"><details><summary>story of "
                        + example.messageId() + "</summary>\n<p><code>livetalk explain ../in "
                        + example.messageId() + " --strategy event-only</code></p>\n<pre>message send:ann&amp;co-1:x1 in "
                        + example.room() + " from ann&amp;co\n")
                .contains("  +0.100s  ann&amp;co  intended\n", example.clientId() + ": LOST (no line in its final"
                        + " transcript)")
                .doesNotContain("send:ann&co");
    }

    @Test
    void shouldSayWhenTheLedgerDoesNotHoldTheExample() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"), d -> d);
        Example example = ResultsJson.read(results).strategy("event-only").examples().get(0);
        Example other = new Example(example.kind(), example.clientId(), "elsewhere", example.seq(), "nowhere:1", 0);
        LedgerFiles.write(LedgerFolder.of(temp.resolve("in"), "event-only"),
                new LedgerFiles.Stamp("outage", "event-only", 1), ledgerOf(other));

        String html = Files.readString(ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty()).index());

        assertThat(html).contains("The ledger holds no message " + example.messageId() + " in " + example.room());
    }

    @Test
    void shouldGiveTheCommandAloneForALedgerTooLargeToReadInPassing() throws IOException {
        Example example = new Example(dev.livetalk.metrics.correctness.ExampleKind.LOST, "c1", "room1", 5, "room1:5", 0);
        LedgerFiles.write(LedgerFolder.of(temp, "event-only"), new LedgerFiles.Stamp("outage", "event-only", 1),
                ledgerOf(example));
        StringBuilder h = new StringBuilder();

        ExampleStories.of(temp, "event-only", 100).orElseThrow().row(example, 7, h);

        assertThat(h.toString()).contains("<code>livetalk explain " + temp + " room1:5 --strategy event-only</code>",
                "No story here: its ledger (0.0 MB) is more than the report reads (0 MB); the command prints it.")
                .doesNotContain("<pre>");
    }

    @Test
    void shouldKeepTheExamplesAsTheyWereWithoutALedger() throws IOException {
        Path results = Fixtures.copy("outage", temp.resolve("in"), d -> d);

        String html = Files.readString(ReportWriter.write(List.of(results), temp.resolve("out"), Optional.empty()).index());

        assertThat(html).contains("<td>event-only</td><td>lost</td>").doesNotContain("<tr class=\"story\">",
                "livetalk explain");
    }
}
