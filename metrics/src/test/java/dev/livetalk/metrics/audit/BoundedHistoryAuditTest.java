package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.BoundedHistoryRun;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.replay.ReplayedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit recounts the bounded-history rule from the ledger's welcomes, refetches and first showings. */
class BoundedHistoryAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldAgreeWithTheCheckersOnUnreachableMessages() throws Exception {
        Path story = StoryRun.write(dir.resolve("bounded"), BoundedHistoryRun::trace, "reconcile");
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        JsonNode correctness = JSON.readTree(story.resolve("results.json").toFile()).get("strategies").get(0)
                .get("correctness");
        assertThat(correctness.get("lost").asLong()).isEqualTo(11);
        assertThat(correctness.get("outcomes").get("unreachable").asLong()).isEqualTo(18);
        assertThat(correctness.get("convergedClients").asLong()).isEqualTo(3);
    }

    @Test
    void shouldRecountUnreachableFromTheRowsAloneNotFromTheLedgersFlags() throws Exception {
        Ledger ledger = Ledger.of(ReplayedRun.of(BoundedHistoryRun.trace("reconcile")));
        Ledger unflagged = new Ledger(ledger.messages(), ledger.deliveries().stream()
                .map(d -> new dev.livetalk.metrics.ledger.DeliveryRow(d.key(), d.room(), d.seq(), d.sender(),
                        d.recipient(), d.firstShownUs(), d.finalAtUs(), d.finalPosition(), d.lines(), d.moves(),
                        d.deliveredMarkerUs(), d.readMarkerUs(), d.senderSawDeliveredUs(), d.senderSawReadUs()))
                .toList(), ledger.transcripts(), ledger.markers(), ledger.receipts(), ledger.faults(),
                ledger.welcomes(), ledger.refetches());
        Recount recount = new Recount(unflagged);
        assertThat(recount.sum(RoomRecount::unreachable)).isEqualTo(18);
        assertThat(recount.sum(RoomRecount::lost)).isEqualTo(11);
        assertThat(recount.convergedClients()).isEqualTo(3);
        LedgerFiles.write(dir, new LedgerFiles.Stamp("bounded", "reconcile", 1), ledger);
        assertThat(LedgerFiles.read(dir)).as("resume statuses, first seqs and flags survive the files")
                .isEqualTo(ledger);
    }
}
