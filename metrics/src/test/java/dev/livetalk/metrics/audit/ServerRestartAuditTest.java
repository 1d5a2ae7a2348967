package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run across a restart without durable history (history A, then B from 4 s): the ledger keeps
 * the lost commits, acknowledged-lost and lost-epoch markers, and the audit recounts by the same
 * rules as the checkers.
 */
class ServerRestartAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * alice sends a1 (acknowledged, then lost) and a2 (committed again in B under the same id) in
     * A; bob marks delivered and read in A, and alice's line of a1 shows READ then; after the
     * restart, event-only keeps A's lines (phantoms), reconcile drops them; carol joined at head 1
     * in A and is entitled to B from seq 1; bob reads x1 in B and alice sees it.
     */
    static RunTrace trace(String strategy) {
        boolean keeps = strategy.equals("event-only");
        TraceFixture run = new TraceFixture(strategy, 500).epoch("A");
        run.window("restart", 3_000, 4_000);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "A", 0);
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "A", 0);
        Message[] a = new Message[3];
        for (int i = 1; i <= 2; i++) {
            alice.send("lobby", "a" + i, i * 1_000, i * 1_000, i * 1_000 + 1);
            a[i] = run.commit("lobby", "alice", "a" + i, i * 1_000 + 30);
            alice.ackBySeq("a" + i, a[i], i * 1_000 + 40);
            bob.place(a[i], i * 1_000 + 50);
        }
        Client carol = run.client("carol").join("lobby", 1).welcome("main", "A", 1_100);
        carol.place(a[2], 2_060);
        bob.marker("lobby", ReceiptKind.DELIVERED, 2, 2_100).read("lobby", 2, 2_100)
                .marker("lobby", ReceiptKind.READ, 2, 2_110);
        alice.receipt("lobby", "bob", 2, 2_200).status("lobby", a[1].id(), MessageStatus.READ, 2_200);
        run.restart("B");
        for (Client c : new Client[] {alice, bob, carol}) {
            c.welcome("main", "B", 4_000);
            if (!keeps) {
                c.clear("lobby", 4_010);
            }
        }
        Message again = run.commit("lobby", "alice", "a2", 4_100); // a2 resent under its id
        Message x1 = run.commit("lobby", "alice", "x1", 4_200);
        if (keeps) {
            alice.append(again, 4_110).append(x1, 4_210);
            bob.append(again, 4_150).append(x1, 4_250);
            carol.append(x1, 4_250);
        } else {
            alice.place(again, 4_110).place(x1, 4_210);
            bob.place(again, 4_150).place(x1, 4_250);
            carol.place(again, 4_150).place(x1, 4_250);
        }
        bob.marker("lobby", ReceiptKind.DELIVERED, 2, 4_260).read("lobby", 2, 4_300)
                .marker("lobby", ReceiptKind.READ, 2, 4_300);
        alice.receipt("lobby", "bob", 2, 4_400);
        return run.build();
    }

    @Test
    void shouldAgreeWithTheCheckersAcrossARestartWithoutDurableHistory() throws Exception {
        Path story = StoryRun.write(dir.resolve("restart"), ServerRestartAuditTest::trace, "event-only", "reconcile");
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
        JsonNode strategies = JSON.readTree(story.resolve("results.json").toFile()).get("strategies");
        JsonNode eventOnly = strategies.get(0).get("correctness");
        JsonNode reconcile = strategies.get(1).get("correctness");
        assertThat(eventOnly.get("phantoms").asLong()).isEqualTo(5); // a1, a2 at alice and bob, a2 at carol
        assertThat(eventOnly.get("lost").asLong()).isEqualTo(1);      // carol never shows a2's new commit
        assertThat(reconcile.get("phantoms").asLong()).isZero();
        assertThat(reconcile.get("lost").asLong()).isZero();
        assertThat(reconcile.get("convergedClients").asLong()).isEqualTo(3);
    }

    @Test
    void shouldKeepLostCommitsAcknowledgedLostAndLostEpochMarkersInTheLedger() throws Exception {
        Ledger ledger = Ledger.of(ReplayedRun.of(trace("reconcile")));
        MessageRow a1 = ledger.messages().stream().filter(m -> m.key().endsWith(":a1")).findFirst().orElseThrow();
        MessageRow a2 = ledger.messages().stream().filter(m -> m.key().endsWith(":a2")).findFirst().orElseThrow();
        assertThat(a1.acknowledgedLost()).isTrue();
        assertThat(a1.seq()).isNull();
        assertThat(a1.lostCommits()).extracting(MessageRow.Commit::id, MessageRow.Commit::epoch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m1.A", "A"));
        assertThat(a2.acknowledgedLost()).isFalse();
        assertThat(a2.id()).isEqualTo("m1.B");
        assertThat(a2.lostCommits()).extracting(MessageRow.Commit::id).containsExactly("m2.A");
        assertThat(ledger.markers()).filteredOn(MarkerRow::lostEpoch).extracting(MarkerRow::atUs)
                .containsExactly(1_600_000L, 1_600_000L, 1_610_000L);
        assertThat(ledger.transcripts()).filteredOn(t -> t.client().equals("carol"))
                .extracting(TranscriptRow::joinedAtSeq).containsExactly(0L);
        assertThat(ledger.deliveries()).filteredOn(d -> d.key().equals(a1.key())).isNotEmpty();
        LedgerFiles.write(dir, new LedgerFiles.Stamp("restart", "reconcile", 1), ledger);
        assertThat(LedgerFiles.read(dir)).isEqualTo(ledger);
    }

    @Test
    void shouldCountALineOfALostEpochAsNoLineOfItsMessageInADeliveryRow() {
        Ledger ledger = Ledger.of(ReplayedRun.of(trace("event-only")));
        assertThat(ledger.deliveries()).filteredOn(d -> d.key().equals("send:alice-1:a2") && d.recipient().equals("bob"))
                .extracting(dev.livetalk.metrics.ledger.DeliveryRow::lines).containsExactly(1);
    }

    @Test
    void shouldTellInAMessagesStoryThatTheServerLostIt() {
        dev.livetalk.metrics.ledger.LedgerIndex index = new dev.livetalk.metrics.ledger.LedgerIndex(
                Ledger.of(ReplayedRun.of(trace("reconcile"))));
        assertThat(dev.livetalk.metrics.ledger.MessageStory.of(index, index.byKey("send:alice-1:a1")).summary())
                .contains("server: lost in a restart without durable history: committed as m1.A (epoch A);"
                        + " ACKNOWLEDGED LOST (its sender saw the ack)");
        assertThat(dev.livetalk.metrics.ledger.MessageStory.of(index, index.byKey("send:alice-1:a2")).summary())
                .contains("server: lost in a restart without durable history: committed as m2.A (epoch A);"
                        + " committed again as seq 1");
    }
}
