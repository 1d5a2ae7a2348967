package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.ReceiptRow;
import dev.livetalk.metrics.ledger.TranscriptRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One strategy's figures recounted from its ledger alone (docs/METRICS.md): the correctness
 * figures summed over every final transcript, the latency samples of each metric, the
 * convergence samples after each fault window. Times are microseconds, as the ledger has them.
 *
 * <p>Immutable once built; any thread.
 */
final class Recount {
    private final LedgerIndex index;
    private final List<RoomRecount> rooms = new ArrayList<>();
    private final List<String> clients;
    private final List<String> notConverged;
    private final List<ConvergenceSample> convergence;
    private final StatusTruthRecount statusTruth;
    private final UnreachableRecount unreachable;

    Recount(Ledger ledger) {
        this.index = new LedgerIndex(ledger);
        this.unreachable = new UnreachableRecount(index);
        TreeSet<String> everyClient = new TreeSet<>();
        TreeSet<String> broken = new TreeSet<>();
        for (TranscriptRow transcript : ledger.transcripts()) {
            RoomRecount room = RoomRecount.of(transcript, index, unreachable);
            rooms.add(room);
            everyClient.add(transcript.client());
            if (!room.converged()) {
                broken.add(transcript.client());
            }
        }
        ledger.messages().stream().filter(m -> m.sender() != null).forEach(m -> everyClient.add(m.sender()));
        ledger.deliveries().forEach(d -> everyClient.add(d.recipient()));
        ledger.markers().forEach(m -> everyClient.add(m.client()));
        ledger.receipts().forEach(r -> everyClient.add(r.client()));
        this.clients = List.copyOf(everyClient);
        this.notConverged = List.copyOf(broken);
        this.convergence = ConvergenceSample.of(ledger);
        this.statusTruth = StatusTruthRecount.of(index, unreachable);
    }

    /** The recount of {@code room} alone: every row of the room, every fault window. */
    static Recount ofRoom(Ledger ledger, String room) {
        return new Recount(new Ledger(
                ledger.messages().stream().filter(m -> m.room().equals(room)).toList(),
                ledger.deliveries().stream().filter(d -> d.room().equals(room)).toList(),
                ledger.transcripts().stream().filter(t -> t.room().equals(room)).toList(),
                ledger.markers().stream().filter(m -> m.room().equals(room)).toList(),
                ledger.receipts().stream().filter(r -> r.room().equals(room)).toList(),
                ledger.faults(), ledger.welcomes(),
                ledger.refetches().stream().filter(r -> r.room().equals(room)).toList()));
    }

    /** The ledger recounted. */
    Ledger ledger() {
        return index.ledger();
    }

    /** Every client (user) with a row in the ledger's messages, deliveries, transcripts, markers or receipts. */
    List<String> clientNames() {
        return clients;
    }

    StatusTruthRecount statusTruth() {
        return statusTruth;
    }

    long clients() {
        return clients.size();
    }

    long convergedClients() {
        return clients.size() - notConverged.size();
    }

    double convergedShare() {
        return clients.isEmpty() ? 100.0 : 100.0 * convergedClients() / clients.size();
    }

    /** The sum of one room figure over every final transcript. */
    long sum(java.util.function.ToLongFunction<RoomRecount> figure) {
        long sum = 0;
        for (RoomRecount room : rooms) {
            sum += figure.applyAsLong(room);
        }
        return sum;
    }

    double kendallTau() {
        long pairs = sum(RoomRecount::pairs);
        return pairs == 0 ? 1.0 : 1.0 - 2.0 * sum(RoomRecount::inversions) / pairs;
    }

    /** Times a line of a message jumped, at its sender and at each recipient. */
    long moves() {
        long moves = 0;
        for (MessageRow message : index.ledger().messages()) {
            moves += message.senderMoves();
        }
        for (DeliveryRow delivery : index.ledger().deliveries()) {
            moves += delivery.moves();
        }
        return moves;
    }

    List<ConvergenceSample> convergence() {
        return convergence;
    }

    /** The phase of a time against the ledger's fault windows (docs/METRICS.md, "Phase"). */
    String phaseOf(long us) {
        boolean ended = false;
        for (FaultRow window : index.ledger().faults()) {
            if (us >= window.startUs() && us < window.endUs()) {
                return "during";
            }
            ended |= window.endUs() <= us;
        }
        return ended ? "after" : "before";
    }

    /** Messages the load meant to send after the warm-up. */
    private List<MessageRow> measuredSends() {
        List<MessageRow> sends = new ArrayList<>();
        for (MessageRow message : index.ledger().messages()) {
            if (message.intendedUs() != null && message.intendedUs() >= 0) {
                sends.add(message);
            }
        }
        return sends;
    }

    /** From the intended send to the sender's handing it to its client. */
    List<LatencySample> schedulingLag() {
        List<LatencySample> samples = new ArrayList<>();
        for (MessageRow m : measuredSends()) {
            samples.add(new LatencySample(m.intendedUs(), m.handedUs() - m.intendedUs(), m.handedUs() - m.intendedUs()));
        }
        return samples;
    }

    /** From the intended (and the handed) send to {@code at} of the sender's message row. */
    List<LatencySample> atSender(java.util.function.Function<MessageRow, Long> at) {
        List<LatencySample> samples = new ArrayList<>();
        for (MessageRow m : measuredSends()) {
            samples.add(LatencySample.between(m.intendedUs(), m.handedUs(), at.apply(m)));
        }
        return samples;
    }

    /**
     * From the intended (and the handed) send to {@code at} of each delivery row of it; none for a
     * message the server lost after its sender saw the ack ({@link MessageRow#acknowledgedLost()}),
     * nor for a delivery unreachable for its recipient ({@link UnreachableRecount}).
     */
    List<LatencySample> atPeers(java.util.function.Function<DeliveryRow, Long> at) {
        List<LatencySample> samples = new ArrayList<>();
        for (DeliveryRow delivery : index.ledger().deliveries()) {
            MessageRow m = index.message(delivery.key());
            if (m != null && m.intendedUs() != null && m.intendedUs() >= 0 && !m.acknowledgedLost()
                    && !unreachable.isUnreachable(delivery.recipient(), delivery.room(), delivery.seq())) {
                samples.add(LatencySample.between(m.intendedUs(), m.handedUs(), at.apply(delivery)));
            }
        }
        return samples;
    }

    /**
     * From a reader's decision to read up to a committed seq to each member client of that
     * message's author (not the reader) first receiving a read receipt of the reader at or above
     * it, not before the decision.
     */
    List<LatencySample> readReceiptLag() {
        Map<String, String> authorOfSeq = new LinkedHashMap<>();
        for (MessageRow m : index.ledger().messages()) {
            m.commits().forEach(c -> authorOfSeq.put(m.room() + '\u0000' + c.seq(), m.sender()));
        }
        Map<String, List<ReceiptRow>> readReceipts = new HashMap<>();
        for (ReceiptRow receipt : index.ledger().receipts()) {
            if (receipt.kind().equals("read") && !receipt.lostEpoch()) {
                readReceipts.computeIfAbsent(receipt.client() + '\u0000' + receipt.room() + '\u0000' + receipt.reader(),
                        k -> new ArrayList<>()).add(receipt);
            }
        }
        Set<String> members = new HashSet<>();
        for (TranscriptRow transcript : index.ledger().transcripts()) {
            if (transcript.joinedAtSeq() != null) {
                members.add(transcript.client() + '\u0000' + transcript.room());
            }
        }
        List<LatencySample> samples = new ArrayList<>();
        for (MarkerRow mark : index.ledger().markers()) {
            if (!mark.source().equals(MarkerRow.READ_DECISION) || mark.atUs() < 0 || mark.lostEpoch()) {
                continue;
            }
            String author = authorOfSeq.get(mark.room() + '\u0000' + mark.seq());
            if (author == null || author.equals(mark.client()) || !members.contains(author + '\u0000' + mark.room())) {
                continue;
            }
            Long seen = firstReceiptAtOrAbove(readReceipts.getOrDefault(
                    author + '\u0000' + mark.room() + '\u0000' + mark.client(), List.of()), mark);
            samples.add(new LatencySample(mark.atUs(), seen == null ? null : seen - mark.atUs(),
                    seen == null ? null : seen - mark.atUs()));
        }
        return samples;
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
