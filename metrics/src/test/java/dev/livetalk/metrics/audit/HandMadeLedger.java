package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.ReceiptRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.List;

/**
 * The worked example of docs/METRICS.md as ledger rows. Room {@code r}; the server committed seq
 * 1..5 (m1..m5, sent by {@code s}); {@code c} joined at head 0 and ends showing m1, m3, m2, m3,
 * x (its own send, never committed, still pending), m5; {@code s} ends showing m1..m5 in order.
 * Every send is intended at i ms and handed 10 µs later; c first shows m_i at (i + 2) ms; m4
 * never comes. One fault window [2.5 ms, 3.5 ms) on c.
 */
final class HandMadeLedger {
    final List<MessageRow> messages = new ArrayList<>();
    final List<DeliveryRow> deliveries = new ArrayList<>();
    final List<TranscriptRow> transcripts = new ArrayList<>();
    final List<MarkerRow> markers = new ArrayList<>();
    final List<ReceiptRow> receipts = new ArrayList<>();
    final List<FaultRow> faults = new ArrayList<>();

    HandMadeLedger() {
        List<TranscriptRow.Line> atS = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long at = i * 1_000L;
            messages.add(new MessageRow("m" + i, "r", "s", "r:" + i, (long) i, null, at, at + 10, at + 10, 1, List.of(),
                    List.of("c" + i), at + 20, at + 500, at + 100,
                    List.of(new MessageRow.Commit(i, "r:" + i, "c" + i, at + 100)),
                    List.of(new MessageRow.StatusStep("pending", at + 20), new MessageRow.StatusStep("sent", at + 500)),
                    "sent", 0));
            Long shown = i == 4 ? null : at + 2_000;
            deliveries.add(new DeliveryRow("m" + i, "r", (long) i, "s", "c", shown, i == 1 ? shown : null,
                    null, i == 4 ? 0 : i == 3 ? 2 : 1, 0, null, null, null, null));
            atS.add(line("m" + i, i, "s"));
        }
        messages.add(new MessageRow("x", "r", "c", null, null, null, 2_500L, 2_510L, null, 0, List.of(), List.of("cx"), 2_520L,
                null, null, List.of(), List.of(new MessageRow.StatusStep("pending", 2_520)), "pending", 0));
        deliveries.add(new DeliveryRow("x", "r", null, "c", "s", null, null, null, 0, 0, null, null, null, null));
        transcripts.add(new TranscriptRow("s", "r", 0L, atS, List.of()));
        transcripts.add(new TranscriptRow("c", "r", 0L, List.of(line("m1", 1, "s"), line("m3", 3, "s"),
                line("m2", 2, "s"), line("m3", 3, "s"), new TranscriptRow.Line("x", 0, null, "cx", "c", "pending"),
                line("m5", 5, "s")), List.of(new TranscriptRow.Transition(4_000, false))));
        faults.add(new FaultRow("outage", 0, 2_500, 3_500, List.of("c"), false));
    }

    static TranscriptRow.Line line(String key, long seq, String from) {
        return new TranscriptRow.Line(key, seq, "r:" + seq, "c" + seq, from, "sent");
    }

    Ledger ledger() {
        return new Ledger(messages, deliveries, transcripts, markers, receipts, faults);
    }
}
