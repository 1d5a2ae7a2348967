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

    /** {@code message} without what no figure reads (its transmissions, client message ids and lost commits). */
    static MessageRow slim(MessageRow m) {
        return new MessageRow(m.key(), m.room(), m.sender(), m.id(), m.seq(), m.replyTo(), m.intendedUs(),
                m.handedUs(), m.transmittedUs(), m.transmissions(), List.of(), List.of(), m.echoUs(), m.ackUs(),
                m.committedUs(), m.commits(), m.statuses(), m.finalStatus(), m.senderMoves(), List.of(),
                m.acknowledgedLost());
    }
}
