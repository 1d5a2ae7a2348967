package dev.livetalk.metrics.ledger;

import dev.livetalk.metrics.replay.ReplayedRun;

import java.util.List;

/**
 * Every message's story in one strategy's run, as tables (docs/LEDGER.md): what each sender
 * meant and did, what each recipient showed and marked, each final transcript, the markers and
 * receipts, the fault windows, the welcomes, refetches and connection attempts of every client. Built from the run's trace by {@link #of}, written and read by
 * {@link LedgerFiles}.
 *
 * <p>Immutable; any thread.
 */
public record Ledger(List<MessageRow> messages, List<DeliveryRow> deliveries, List<TranscriptRow> transcripts,
                     List<MarkerRow> markers, List<ReceiptRow> receipts, List<FaultRow> faults,
                     List<WelcomeRow> welcomes, List<RefetchRow> refetches, List<ConnectRow> connects) {
    public Ledger {
        connects = List.copyOf(connects);
        welcomes = List.copyOf(welcomes);
        refetches = List.copyOf(refetches);
        messages = List.copyOf(messages);
        deliveries = List.copyOf(deliveries);
        transcripts = List.copyOf(transcripts);
        markers = List.copyOf(markers);
        receipts = List.copyOf(receipts);
        faults = List.copyOf(faults);
    }

    /** A ledger without connection attempts (as older ledgers hold). */
    public Ledger(List<MessageRow> messages, List<DeliveryRow> deliveries, List<TranscriptRow> transcripts,
                  List<MarkerRow> markers, List<ReceiptRow> receipts, List<FaultRow> faults,
                  List<WelcomeRow> welcomes, List<RefetchRow> refetches) {
        this(messages, deliveries, transcripts, markers, receipts, faults, welcomes, refetches, List.of());
    }

    /** A ledger without welcomes, refetches nor connection attempts (as older ledgers hold). */
    public Ledger(List<MessageRow> messages, List<DeliveryRow> deliveries, List<TranscriptRow> transcripts,
                  List<MarkerRow> markers, List<ReceiptRow> receipts, List<FaultRow> faults) {
        this(messages, deliveries, transcripts, markers, receipts, faults, List.of(), List.of(), List.of());
    }

    /** The ledger of a replayed run; times count from the end of its warm-up. */
    public static Ledger of(ReplayedRun run) {
        return new LedgerBuilder(run.trace()).add(run).build();
    }

    /** The rows of {@code table}. */
    public List<?> rows(LedgerTable table) {
        return switch (table) {
            case MESSAGES -> messages;
            case DELIVERIES -> deliveries;
            case TRANSCRIPTS -> transcripts;
            case MARKERS -> markers;
            case RECEIPTS -> receipts;
            case FAULTS -> faults;
            case WELCOMES -> welcomes;
            case REFETCHES -> refetches;
            case CONNECTS -> connects;
        };
    }

    /** The rows (message, recipient) it holds, the unit its size is measured in. */
    public long pairs() {
        return deliveries.size();
    }
}
