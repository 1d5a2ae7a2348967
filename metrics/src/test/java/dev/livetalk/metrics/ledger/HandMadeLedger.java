package dev.livetalk.metrics.ledger;

import java.util.List;

/**
 * A ledger written by hand, row by row, for the story tests. Alice sends a1 in the lobby; its ack
 * is cut (ack-cut, alice only, 100..400 ms), so she resends it as a1-r, which the server commits a
 * second time; bob shows the first copy, marks it delivered and read, and alice sees both
 * receipts; carol is down (outage, carol, 0..500 ms) and never shows it; dave shows both copies.
 * Bob's answer b1 is a row of a ledger written before every transmission was recorded. Times in
 * microseconds since the end of the warm-up.
 */
final class HandMadeLedger {
    static final String KEY = "send:alice-1:a1";

    private HandMadeLedger() {
    }

    static Ledger ledger() {
        MessageRow a1 = new MessageRow(KEY, "lobby", "alice", "m1", 1L, null, 0L, 1_000L, 2_000L, 2,
                List.of(new MessageRow.Sent("a1", 2_000), new MessageRow.Sent("a1-r", 305_000)),
                List.of("a1", "a1-r"), 1_000L, 320_000L, 10_000L,
                List.of(new MessageRow.Commit(1, "m1", "a1", 10_000), new MessageRow.Commit(2, "m2", "a1-r", 310_000)),
                List.of(new MessageRow.StatusStep("pending", 1_000), new MessageRow.StatusStep("sent", 320_000),
                        new MessageRow.StatusStep("read", 333_000)),
                "read", 0);
        MessageRow b1 = new MessageRow("send:bob-1:b1", "lobby", "bob", "m3", 3L, "m1", 400_000L, 400_000L, 400_000L,
                1, List.of(), List.of("b1"), 400_000L, 410_000L, 405_000L,
                List.of(new MessageRow.Commit(3, "m3", "b1", 405_000)),
                List.of(new MessageRow.StatusStep("pending", 400_000), new MessageRow.StatusStep("sent", 410_000)),
                "sent", 0);
        List<DeliveryRow> deliveries = List.of(
                new DeliveryRow(KEY, "lobby", 1L, "alice", "bob", 15_000L, 15_000L, 0, 1, 0, 16_000L, 330_000L,
                        18_000L, 333_000L),
                new DeliveryRow(KEY, "lobby", 1L, "alice", "carol", null, null, null, 0, 0, null, null, null, null),
                new DeliveryRow(KEY, "lobby", 1L, "alice", "dave", 12_000L, null, 0, 2, 1, 20_000L, null, 25_000L,
                        null),
                new DeliveryRow("send:bob-1:b1", "lobby", 3L, "bob", "alice", 406_000L, 406_000L, 1, 1, 0, null,
                        null, null, null));
        TranscriptRow.Line m1 = new TranscriptRow.Line(KEY, 1, "m1", "a1", "alice", "read");
        TranscriptRow.Line m2 = new TranscriptRow.Line(KEY, 2, "m2", "a1-r", "alice", "sent");
        TranscriptRow.Line m3 = new TranscriptRow.Line("send:bob-1:b1", 3, "m3", "b1", "bob", "sent");
        List<TranscriptRow> transcripts = List.of(
                new TranscriptRow("alice", "lobby", 0L, List.of(m1, m3), List.of()),
                new TranscriptRow("bob", "lobby", 0L, List.of(m1, m3), List.of()),
                new TranscriptRow("carol", "lobby", 0L, List.of(), List.of()),
                new TranscriptRow("dave", "lobby", 0L, List.of(m1, m2, m3), List.of()));
        List<FaultRow> faults = List.of(
                new FaultRow("ack-cut", 0, 100_000, 400_000, List.of("alice"), false),
                new FaultRow("outage", 0, 0, 500_000, List.of("carol"), false),
                new FaultRow("outage", 1, 0, 500_000, List.of("erin"), false), // erin is no member
                new FaultRow("ack-cut", 1, 900_000, 1_000_000, List.of("alice"), false)); // after a1's last step
        return new Ledger(List.of(a1, b1), deliveries, transcripts, List.of(), List.of(), faults);
    }
}
