package dev.livetalk.metrics.trace;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link ReceiptsSeen} against the list of {@link ReceiptSeen} it was built from. */
class ReceiptsSeenTest {
    private static final long SEED = 6_122_026L;

    @Test
    void shouldReadAsTheListOfItsReceipts() {
        Random random = new Random(SEED);
        List<String> rooms = List.of("lobby", "side");
        List<String> readers = List.of("alice", "bob", "carol");
        for (int round = 0; round < 20; round++) {
            List<ReceiptSeen> model = new ArrayList<>();
            int size = random.nextInt(200);
            for (int i = 0; i < size; i++) {
                model.add(new ReceiptSeen(rooms.get(random.nextInt(rooms.size())),
                        readers.get(random.nextInt(readers.size())), ReceiptKind.values()[random.nextInt(2)],
                        random.nextLong(1_000), random.nextLong()));
            }
            ReceiptsSeen receipts = ReceiptsSeen.of(model);
            assertThat(receipts).isEqualTo(model).hasSameHashCodeAs(model).containsExactlyElementsOf(model);
        }
    }

    @Test
    void shouldBeWhatAClientsTraceKeepsOfTheReceiptsReadBack() {
        TraceFixture run = new TraceFixture("test");
        Client alice = run.client("alice").join("lobby", 0).receipt("lobby", "bob", 3, 10)
                .receipt("lobby", "carol", ReceiptKind.DELIVERED, 4, 11);
        ClientTrace trace = run.build().clients().stream().filter(c -> c.clientId().equals(alice.id())).findFirst()
                .orElseThrow();
        assertThat(trace.receipts()).isInstanceOf(ReceiptsSeen.class).extracting(ReceiptSeen::reader, ReceiptSeen::seq)
                .containsExactly(tuple("bob", 3L), tuple("carol", 4L));
    }
}
