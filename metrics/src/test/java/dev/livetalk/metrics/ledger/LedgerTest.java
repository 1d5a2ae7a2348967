package dev.livetalk.metrics.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    private static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("lobby-test", "test", 7);

    /**
     * Alice sends a1 (warm-up ends at 1,000 ms); the server commits it; bob shows it, marks it
     * delivered and read, and alice sees both receipts; carol, a member too, never shows it (her link was refused
     * once in the outage, then opened).
     */
    private static Ledger story() {
        TraceFixture run = new TraceFixture("test", 1_000);
        run.window("outage", 1_040, 1_050, "carol");
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        run.client("carol").join("lobby", 0)
                .connect("main", 1_041, 1_043, false).connect("main", 1_051, 1_052, true); // refused, then back
        alice.send("lobby", "a1", 1_000, 1_001, 1_001);
        alice.transmit("lobby", "a1", 1_002).transmit("lobby", "a1", 1_005);
        Message m1 = run.commit("lobby", "alice", "a1", 1_010);
        bob.place(m1, 1_015).marker("lobby", ReceiptKind.DELIVERED, 1, 1_016);
        alice.receipt("lobby", "bob", ReceiptKind.DELIVERED, 1, 1_018);
        alice.ackBySeq("a1", m1, 1_020).delivered("lobby", m1.id(), 1_022);
        bob.read("lobby", 1, 1_029).marker("lobby", ReceiptKind.READ, 1, 1_030);
        alice.receipt("lobby", "bob", ReceiptKind.READ, 1, 1_033);
        return Ledger.of(ReplayedRun.of(run.build()));
    }

    @Test
    void shouldTellWhatTheSenderMeantAndDidAndWhatTheServerCommitted() {
        MessageRow a1 = story().messages().get(0);

        assertThat(a1.key()).isEqualTo("send:alice-1:a1");
        assertThat(a1.sender()).isEqualTo("alice");
        assertThat(a1.id()).isEqualTo("m1");
        assertThat(a1.seq()).isEqualTo(1);
        assertThat(a1.intendedUs()).isZero();
        assertThat(a1.handedUs()).isEqualTo(1_000);
        assertThat(a1.transmittedUs()).isEqualTo(2_000);
        assertThat(a1.transmissions()).isEqualTo(2);
        assertThat(a1.transmitted()).containsExactly(new MessageRow.Sent("a1", 2_000), new MessageRow.Sent("a1", 5_000));
        assertThat(a1.clientMsgIds()).containsExactly("a1");
        assertThat(a1.echoUs()).isEqualTo(1_000);
        assertThat(a1.ackUs()).isEqualTo(20_000);
        assertThat(a1.committedUs()).isEqualTo(10_000);
        assertThat(a1.commits()).containsExactly(new MessageRow.Commit(1, "m1", "a1", 10_000));
        assertThat(a1.statuses()).containsExactly(new MessageRow.StatusStep("pending", 1_000),
                new MessageRow.StatusStep("sent", 20_000), new MessageRow.StatusStep("delivered", 22_000));
        assertThat(a1.finalStatus()).isEqualTo("delivered");
        assertThat(a1.senderMoves()).isZero();
    }

    /** Alice's echo sits below bob's b1, shown as it came; her ack places a1 by seq, above it: one move at the sender. */
    @Test
    void shouldCountTheMovesOfAMessageAtItsSender() {
        TraceFixture run = new TraceFixture("test", 1_000);
        Client alice = run.client("alice").join("lobby", 0);
        run.client("bob").join("lobby", 0);
        Message b1 = run.commit("lobby", "bob", "b1", 1_000);
        alice.append(b1, 1_000);
        alice.send("lobby", "a1", 1_000, 1_001, 1_001);
        Message a1 = run.commit("lobby", "alice", "a1", 1_010);
        alice.ackBySeq("a1", a1, 1_020);

        Ledger ledger = Ledger.of(ReplayedRun.of(run.build()));

        assertThat(ledger.messages()).extracting(MessageRow::key, MessageRow::senderMoves)
                .contains(org.assertj.core.groups.Tuple.tuple("send:alice-1:a1", 1));
    }

    @Test
    void shouldTellWhatEachRecipientShowedAndMarkedAndWhenTheSenderLearnedIt() {
        List<DeliveryRow> deliveries = story().deliveries();

        assertThat(deliveries).extracting(DeliveryRow::recipient).containsExactly("bob", "carol");
        assertThat(deliveries.get(0)).isEqualTo(new DeliveryRow("send:alice-1:a1", "lobby", 1L, "alice", "bob",
                15_000L, 15_000L, 0, 1, 0, 16_000L, 30_000L, 18_000L, 33_000L));
        assertThat(deliveries.get(1)).isEqualTo(new DeliveryRow("send:alice-1:a1", "lobby", 1L, "alice", "carol",
                null, null, null, 0, 0, null, null, null, null));
    }

    @Test
    void shouldKeepTranscriptsMarkersReceiptsFaultWindowsAndConnectionAttempts() {
        Ledger ledger = story();

        assertThat(ledger.transcripts()).extracting(TranscriptRow::client).containsExactly("alice", "bob", "carol");
        assertThat(ledger.transcripts().get(1).lines()).containsExactly(
                new TranscriptRow.Line("send:alice-1:a1", 1, "m1", "a1", "alice", "sent"));
        assertThat(ledger.transcripts().get(2).lines()).isEmpty();
        assertThat(ledger.markers()).containsExactly(
                new MarkerRow("bob", "lobby", "sent", "delivered", 1, 16_000),
                new MarkerRow("bob", "lobby", "read", "read", 1, 29_000),
                new MarkerRow("bob", "lobby", "sent", "read", 1, 30_000));
        assertThat(ledger.receipts()).extracting(ReceiptRow::kind).containsExactly("delivered", "read");
        assertThat(ledger.faults()).containsExactly(new FaultRow("outage", 0, 40_000, 50_000, List.of("carol"), false));
        assertThat(ledger.connects()).containsExactly(new ConnectRow("carol", "main", 41_000, 43_000, false, "refused"),
                new ConnectRow("carol", "main", 51_000, 52_000, true, null));
        assertThat(ledger.pairs()).isEqualTo(2);
    }

    @Test
    void shouldListTheLinesThatScrolledAwayFirstAndCountThem(@TempDir Path folder) throws IOException {
        TraceFixture run = new TraceFixture("test", 1_000);
        Client bob = run.client("bob").join("lobby", 0, 1);
        Message m1 = run.commit("lobby", "alice", "a1", 1_010);
        Message m2 = run.commit("lobby", "alice", "a2", 1_011);
        bob.place(m1, 1_015).place(m2, 1_016);
        Ledger ledger = Ledger.of(ReplayedRun.of(run.build()));

        TranscriptRow row = ledger.transcripts().get(0);
        assertThat(row.lines()).extracting(TranscriptRow.Line::seq).containsExactly(1L, 2L);
        assertThat(row.evictedLines()).isEqualTo(1);
        assertThat(ledger.deliveries()).extracting(DeliveryRow::finalPosition).containsExactly(0, 1);
        LedgerFiles.write(folder, STAMP, ledger);
        assertThat(LedgerFiles.read(folder)).isEqualTo(ledger);
        JsonNode schema = new ObjectMapper().readTree(folder.resolve(LedgerFiles.SCHEMA_FILE).toFile());
        JsonNode written = new ObjectMapper().readTree(lines(folder.resolve(LedgerTable.TRANSCRIPTS.fileName())).get(0));
        assertThat(written.get("evicted_lines").asInt()).isEqualTo(1);
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema.get("$defs").get("transcripts")).validate(written)).isEmpty();
    }

    @Test
    void shouldReadBackWhatItWroteAndEveryRowShouldKeepTheSchema(@TempDir Path folder) throws IOException {
        Ledger ledger = story();
        long bytes = LedgerFiles.write(folder, STAMP, ledger);

        assertThat(LedgerFiles.read(folder)).isEqualTo(ledger);
        assertThat(bytes).isPositive();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode schema = mapper.readTree(folder.resolve(LedgerFiles.SCHEMA_FILE).toFile());
        for (LedgerTable table : LedgerTable.values()) {
            JsonSchema tableSchema = factory.getSchema(schema.get("$defs").get(table.tableName()));
            List<String> lines = lines(folder.resolve(table.fileName()));
            assertThat(lines).as(table.tableName()).hasSize(ledger.rows(table).size());
            for (String line : lines) {
                JsonNode row = mapper.readTree(line);
                assertThat(row.get("scenario").asText()).isEqualTo("lobby-test");
                assertThat(row.get("seed").asLong()).isEqualTo(7);
                Set<ValidationMessage> errors = tableSchema.validate(row);
                assertThat(errors).as(table.tableName() + ": " + line).isEmpty();
            }
        }
    }

    @Test
    void shouldNameTheMissingTable(@TempDir Path folder) throws IOException {
        LedgerFiles.write(folder, STAMP, story());
        Files.delete(folder.resolve("deliveries.jsonl.gz"));

        assertThatThrownBy(() -> LedgerFiles.read(folder)).hasMessageContaining("deliveries.jsonl.gz")
                .hasMessageContaining("a ledger table is missing");
    }

    @Test
    void shouldNameTheFileOfARowThatIsNotALedgerRow(@TempDir Path folder) throws IOException {
        LedgerFiles.write(folder, STAMP, story());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(folder.resolve("faults.jsonl.gz")))) {
            out.write("{\"fault\": [1, 2]}\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> LedgerFiles.read(folder)).hasMessageContaining("faults.jsonl.gz");
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
