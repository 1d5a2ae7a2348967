package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.ReceiptRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One room's rows recounted ({@link RoomRows}): each final transcript's correctness, the room's
 * status truth, clients and moves, and the samples of every latency metric of the
 * {@link FigureTable}, tallied. What {@link Recount} adds up over the rooms. Times are
 * microseconds, as the ledger has them.
 *
 * <p>Immutable once built; any thread.
 */
final class RoomPass {
    private final LedgerIndex index;
    private final UnreachableRecount unreachable;
    private final List<RoomRecount> transcripts = new ArrayList<>();
    private final Set<String> clients = new TreeSet<>();
    private final Set<String> notConverged = new TreeSet<>();
    private final StatusTruthRecount statusTruth;
    private final Map<String, LatencyTally> latency = new LinkedHashMap<>();

    /** Recounts {@code rows} against the final log's epoch {@code finalEpoch} ({@link UnreachableRecount#finalEpoch}). */
    RoomPass(RoomRows rows, String finalEpoch) throws IOException {
        this.index = new LedgerIndex(rows, LedgerIndex.keys(rows.messages()));
        this.unreachable = new UnreachableRecount(index, finalEpoch);
        rows.lines().each(transcript -> {
            RoomRecount recount = RoomRecount.of(transcript, index, unreachable);
            transcripts.add(recount);
            if (!recount.converged()) {
                notConverged.add(transcript.client());
            }
        });
        rows.transcripts().forEach(t -> clients.add(t.client()));
        rows.messages().stream().filter(m -> m.sender() != null).forEach(m -> clients.add(m.sender()));
        clients.addAll(rows.deliveries().recipients());
        rows.markers().forEach(m -> clients.add(m.client()));
        rows.receipts().forEach(r -> clients.add(r.client()));
        this.statusTruth = StatusTruthRecount.of(index, unreachable);
        for (AuditedFigure figure : FigureTable.FIGURES) {
            if (figure.samples() != null) {
                LatencyTally tally = new LatencyTally();
                figure.samples().of(this, s -> tally.add(s, us -> Recount.phaseOf(rows.faults(), us)));
                latency.put(figure.name(), tally);
            }
        }
    }

    /** The clients with a final transcript of the room that did not converge. */
    Set<String> notConverged() {
        return notConverged;
    }

    /** The correctness of each final transcript of the room, in ledger order. */
    List<RoomRecount> transcripts() {
        return transcripts;
    }

    /** Every client with a row of the room in its messages, deliveries, transcripts, markers or receipts. */
    Set<String> clients() {
        return clients;
    }

    StatusTruthRecount statusTruth() {
        return statusTruth;
    }

    /** Times a line of a message of the room jumped, at its sender and at each recipient. */
    long moves() {
        long moves = index.rows().deliveries().moves();
        for (MessageRow message : index.rows().messages()) {
            moves += message.senderMoves();
        }
        return moves;
    }

    /** The samples of each latency figure, by the figure's name. */
    Map<String, LatencyTally> latency() {
        return latency;
    }

    /** Messages the load meant to send after the warm-up. */
    private List<MessageRow> measuredSends() {
        List<MessageRow> sends = new ArrayList<>();
        for (MessageRow message : index.rows().messages()) {
            if (message.intendedUs() != null && message.intendedUs() >= 0) {
                sends.add(message);
            }
        }
        return sends;
    }

    /** From the intended send to the sender's handing it to its client. */
    void schedulingLag(Consumer<LatencySample> samples) {
        for (MessageRow m : measuredSends()) {
            samples.accept(new LatencySample(m.intendedUs(), m.handedUs() - m.intendedUs(), m.handedUs() - m.intendedUs()));
        }
    }

    /** From the intended (and the handed) send to {@code at} of the sender's message row. */
    void atSender(Function<MessageRow, Long> at, Consumer<LatencySample> samples) {
        for (MessageRow m : measuredSends()) {
            samples.accept(LatencySample.between(m.intendedUs(), m.handedUs(), at.apply(m)));
        }
    }

    /**
     * From the intended (and the handed) send to {@code at} of each delivery row of it; none for a
     * message the server lost after its sender saw the ack ({@link MessageRow#acknowledgedLost()}),
     * nor for a delivery unreachable for its recipient ({@link UnreachableRecount}).
     */
    void atPeers(Function<DeliveryRow, Long> at, Consumer<LatencySample> samples) {
        index.rows().deliveries().each(delivery -> {
            MessageRow m = index.message(delivery.key());
            if (m != null && m.intendedUs() != null && m.intendedUs() >= 0 && !m.acknowledgedLost()
                    && !unreachable.isUnreachable(delivery.recipient(), delivery.room(), delivery.seq())) {
                samples.accept(LatencySample.between(m.intendedUs(), m.handedUs(), at.apply(delivery)));
            }
        });
    }

    /**
     * From a reader's decision to read up to a committed seq to each member client of that
     * message's author (not the reader) first receiving a read receipt of the reader at or above
     * it, not before the decision.
     */
    void readReceiptLag(Consumer<LatencySample> samples) {
        RoomRows rows = index.rows();
        Map<String, String> authorOfSeq = new LinkedHashMap<>();
        for (MessageRow m : rows.messages()) {
            m.commits().forEach(c -> authorOfSeq.put(m.room() + '\u0000' + c.seq(), m.sender()));
        }
        Map<String, List<ReceiptRow>> readReceipts = new HashMap<>();
        for (ReceiptRow receipt : rows.receipts()) {
            if (receipt.kind().equals("read") && !receipt.lostEpoch()) {
                readReceipts.computeIfAbsent(receipt.client() + '\u0000' + receipt.room() + '\u0000' + receipt.reader(),
                        k -> new ArrayList<>()).add(receipt);
            }
        }
        Set<String> members = new HashSet<>();
        for (TranscriptRow transcript : rows.transcripts()) {
            if (transcript.joinedAtSeq() != null) {
                members.add(transcript.client() + '\u0000' + transcript.room());
            }
        }
        for (MarkerRow mark : rows.markers()) {
            if (!mark.source().equals(MarkerRow.READ_DECISION) || mark.atUs() < 0 || mark.lostEpoch()) {
                continue;
            }
            String author = authorOfSeq.get(mark.room() + '\u0000' + mark.seq());
            if (author == null || author.equals(mark.client()) || !members.contains(author + '\u0000' + mark.room())) {
                continue;
            }
            Long seen = firstReceiptAtOrAbove(readReceipts.getOrDefault(
                    author + '\u0000' + mark.room() + '\u0000' + mark.client(), List.of()), mark);
            samples.accept(new LatencySample(mark.atUs(), seen == null ? null : seen - mark.atUs(),
                    seen == null ? null : seen - mark.atUs()));
        }
    }

    /** The earliest of {@code receipts} at or above the mark's seq, not before the mark. */
    private static Long firstReceiptAtOrAbove(List<ReceiptRow> receipts, MarkerRow mark) {
        Long first = null;
        for (ReceiptRow receipt : receipts) {
            if (receipt.seq() >= mark.seq() && receipt.atUs() >= mark.atUs()
                    && (first == null || receipt.atUs() < first)) {
                first = receipt.atUs();
            }
        }
        return first;
    }
}
