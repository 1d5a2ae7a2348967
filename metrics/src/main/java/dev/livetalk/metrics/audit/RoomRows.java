package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.ReceiptRow;
import dev.livetalk.metrics.ledger.RefetchRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.ledger.WelcomeRow;

import java.io.IOException;
import java.util.List;

/**
 * One room's rows of a ledger, as the recount holds them while it recounts the room
 * ({@link LedgerRooms}): its message rows (without the transmissions and client message ids,
 * which no figure reads), its deliveries in columns, its transcripts without their lines (the
 * lines are read one transcript at a time, {@link #lines}), markers, receipts and refetches;
 * with every fault window and welcome of the run.
 *
 * <p>Immutable; any thread.
 *
 * @param room        the room
 * @param messages    its message rows, in ledger order
 * @param deliveries  its delivery rows
 * @param transcripts its transcripts, lines left out, in ledger order
 * @param lines       its transcripts with their lines, in the same order, one at a time
 * @param markers     its markers, in ledger order
 * @param receipts    its receipts, in ledger order
 * @param refetches   its refetches, in ledger order
 * @param faults      every fault window of the run
 * @param welcomes    every welcome of the run
 */
record RoomRows(String room, List<MessageRow> messages, RoomDeliveries deliveries, List<TranscriptRow> transcripts,
                Transcripts lines, List<MarkerRow> markers, List<ReceiptRow> receipts, List<RefetchRow> refetches,
                List<FaultRow> faults, List<WelcomeRow> welcomes) {

    /** A room's transcripts with their lines, read again from the start at each call. */
    @FunctionalInterface
    interface Transcripts {
        void each(java.util.function.Consumer<TranscriptRow> transcript) throws IOException;
    }

    /** {@code transcript} without its lines: what the figures but the room's own correctness read. */
    static TranscriptRow withoutLines(TranscriptRow transcript) {
        return new TranscriptRow(transcript.client(), transcript.room(), transcript.joinedAtSeq(), List.of(),
                transcript.transitions(), 0);
    }

    /**
     * {@code message} without what no figure reads (its transmissions, client message ids, lost
     * commits and its commits' client message ids), its repeated words (room, sender, statuses,
     * epochs) shared through {@code names}: a message row of a room in memory takes a third of
     * the heap it took as read.
     */
    static MessageRow slim(MessageRow m, Names names) {
        return new MessageRow(m.key(), names.of(m.room()), names.of(m.sender()), m.id(), m.seq(), m.replyTo(),
                m.intendedUs(), m.handedUs(), m.transmittedUs(), m.transmissions(), List.of(), List.of(), m.echoUs(),
                m.ackUs(), m.committedUs(),
                m.commits().stream().map(c -> new MessageRow.Commit(c.seq(), c.id(), null, c.atUs(), names.of(c.epoch())))
                        .toList(),
                m.statuses().stream().map(s -> new MessageRow.StatusStep(names.of(s.status()), s.atUs(), s.lostEpoch()))
                        .toList(),
                names.of(m.finalStatus()), m.senderMoves(), List.of(), m.acknowledgedLost());
    }

    /** {@code marker} with its words shared through {@code names}. */
    static MarkerRow slim(MarkerRow marker, Names names) {
        return new MarkerRow(names.of(marker.client()), names.of(marker.room()), names.of(marker.source()),
                names.of(marker.kind()), marker.seq(), marker.atUs(), marker.lostEpoch());
    }

    /** {@code receipt} with its words shared through {@code names}. */
    static ReceiptRow slim(ReceiptRow receipt, Names names) {
        return new ReceiptRow(names.of(receipt.client()), names.of(receipt.room()), names.of(receipt.reader()),
                names.of(receipt.kind()), receipt.seq(), receipt.atUs(), receipt.lostEpoch());
    }

    /**
     * One instance of each of the few words rows repeat (users, rooms, statuses, kinds, epochs):
     * a row read from JSON has a string of its own for each.
     *
     * <p>Not thread-safe.
     */
    static final class Names {
        private final java.util.Map<String, String> names = new java.util.HashMap<>();

        String of(String word) {
            return word == null ? null : names.computeIfAbsent(word, w -> w);
        }
    }
}
