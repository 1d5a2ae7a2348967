package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.replay.MemberFolds;
import dev.livetalk.metrics.replay.LogicalMessage;
import dev.livetalk.metrics.replay.MessageIndex;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.ReadMark;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.scenarios.budget.Metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a replayed run into a {@link LatencyReport} (docs/METRICS.md, "Perceived latency"): echo and ack at the sender, peer-first and
 * peer-final at every other member entitled to the message, read-receipt lag from a read marker
 * to the sender seeing a receipt at or above it, the scheduling lag of the load itself, and the
 * longest time a sender's status stood still ({@link SilentWait}).
 * Sends intended before the end of the warm-up are not measured.
 *
 * <p>Every intended pair counts: each send of the load (also one the strategy never
 * transmitted or the server never committed) for echo and ack; each client that joined the
 * room before the message's seq (every member that joined, for a message never committed),
 * other than the sending client, for peer-first and peer-final; each client of the author for
 * a read marker of another user. A pair that did not complete by the end of the run is
 * recorded as never ({@link LatencyReport#recordNever}). Scheduling lag is the harness's own
 * figure: every recorded send was handed to its client, so it has no never. Every sample is
 * also kept for its room ({@link LatencyReport#rooms()}): the message's room, or the read
 * marker's.
 *
 * <p>After a restart without durable history (docs/METRICS.md, "Server restarts"): a message the
 * server lost after its sender saw it acknowledged ({@link ReplayedRun#isAcknowledgedLost}) has
 * its echo and ack samples but no peer samples (the server's loss, not the strategy's latency;
 * it is counted as acknowledged-lost instead); a message committed again in the final epoch is
 * judged by its final commit: peer-first is when any line of it first appeared, peer-final when
 * its final commit took its final place. Peers are entitled by their head in the final epoch
 * ({@link dev.livetalk.metrics.trace.RunTrace#entitledAfter}); read marks and receipts count
 * only in the final epoch, so a lag pairs a mark and a receipt of one epoch.
 *
 * <p>A (message, peer) pair unreachable for the peer ({@link RoomReplay#isUnreachable}: the server
 * dropped it from a bounded history before the peer came back) has no peer sample and no never.
 *
 * <p>Stateless; any thread.
 */
public final class LatencyCollector {
    private LatencyCollector() {
    }

    /** Collects every latency of the run, in intervals of 1 s from the end of the warm-up. */
    public static LatencyReport collect(ReplayedRun run) {
        return collect(run, LatencyReport.DEFAULT_INTERVAL_NANOS);
    }

    /** Collects every latency of the run, in intervals of {@code intervalNanos} from the end of the warm-up. */
    public static LatencyReport collect(ReplayedRun run, long intervalNanos) {
        LatencyReport report = empty(run.trace(), intervalNanos);
        collect(run, report);
        return report;
    }

    /** An empty report for the run of {@code trace} (the whole trace or any part of it: its windows and warm-up end). */
    public static LatencyReport empty(RunTrace trace, long intervalNanos) {
        return new LatencyReport(new Phases(trace.windows()), trace.measuredFrom(), intervalNanos);
    }

    /**
     * Records the latencies of the messages and read marks of {@code run} (a whole run, or some of
     * its rooms: {@link dev.livetalk.metrics.trace.RunTrace#slice}) into {@code report}; every sample
     * is of one room, so a run collected room by room gets the same report.
     */
    public static void collect(ReplayedRun run, LatencyReport report) {
        collect(run, report, new Placements());
    }

    /**
     * As {@link #collect(ReplayedRun, LatencyReport)}, the final placements of replays whose lines were
     * folded as they settled taken from {@code placements} ({@link Placements#lineFolds}).
     */
    public static void collect(ReplayedRun run, LatencyReport report, Placements placements) {
        long end = run.context().lastEvent();
        // The clients that ever joined each room, in the trace's order: only they can be a
        // message's peers (isPeerOf), and looking at every client for every message made this
        // quadratic (1,000 clients times 350,000 messages in the 1,000-client scale scenario).
        Map<String, List<Peer>> joinedByRoom = new HashMap<>();
        for (ClientTrace client : run.trace().clients()) {
            for (String room : client.joinedAt().keySet()) {
                joinedByRoom.computeIfAbsent(room, r -> new ArrayList<>())
                        .add(new Peer(client, room, run.trace().entitledAfter(client, room)));
            }
        }
        for (LogicalMessage message : run.index().all()) {
            if (!measured(message, run.trace().measuredFrom())) {
                continue;
            }
            senderLatencies(run, message, report);
            SilentWait.record(report, message, run.of(message.senderClientId(), message.room()), end);
            if (run.isAcknowledgedLost(message)) {
                continue;
            }
            for (Peer peer : joinedByRoom.getOrDefault(message.room(), List.of())) {
                if (peer.isPeerOf(message)) {
                    peerLatencies(run, message, peer, report, placements);
                }
            }
        }
        readReceiptLags(run, report);
        report.packRooms();
    }

    private static void senderLatencies(ReplayedRun run, LogicalMessage message, LatencyReport report) {
        SendRecord send = message.send();
        report.record(Metric.SCHEDULING_LAG, message.room(), send.intendedAt(), send.intendedAt(), send.actualAt());
        RoomReplay replay = run.of(message.senderClientId(), message.room());
        sample(report, Metric.ECHO, message, replay == null ? null : replay.firstShown().get(message.key()));
        sample(report, Metric.ACK, message, replay == null ? null : replay.acked().get(message.key()));
    }

    /**
     * A client that joined a room, with what each message of the room asks of it looked up once:
     * since when it is entitled to the room's messages, its replay of the room and its final
     * placements there (made at the first message it is a peer of).
     */
    private static final class Peer {
        private final ClientTrace client;
        private final String room;
        private final Long joined;
        private RoomReplay replay;
        private PeerFinal finals;

        Peer(ClientTrace client, String room, Long joined) {
            this.client = client;
            this.room = room;
            this.joined = joined;
        }

        boolean isPeerOf(LogicalMessage message) {
            return LatencyCollector.isPeerOf(client.clientId(), joined, message);
        }

        RoomReplay replay(ReplayedRun run) {
            if (replay == null) {
                replay = run.of(client.clientId(), room);
            }
            return replay;
        }

        PeerFinal finals(ReplayedRun run, Placements placements) {
            if (finals == null) {
                finals = placements.of(replay(run), run.index());
            }
            return finals;
        }
    }

    /**
     * Whether the client {@code clientId}, entitled to its room's messages after head {@code joined}
     * ({@code null}: it never joined), is a peer of {@code message}: not its sender, and joined before its
     * seq (every member that joined, for a message never committed).
     */
    private static boolean isPeerOf(String clientId, Long joined, LogicalMessage message) {
        return !clientId.equals(message.senderClientId()) && joined != null
                && (!message.isCommitted() || message.firstSeq() > joined);
    }

    /** Whether {@code message}'s latencies are measured: a send of the load intended after the warm-up. */
    private static boolean measured(LogicalMessage message, long measuredFrom) {
        return message.send() != null && message.send().intendedAt() >= measuredFrom;
    }

    /** A peer's peer-final samples of a room's committed messages. */
    private interface PeerFinal {
        /** Records the peer-final sample of {@code message} (committed; the peer is one of its peers). */
        void sample(LatencyReport report, LogicalMessage message);
    }

    /**
     * The peer-final samples of each member of a room: from the final placements of its replay's final lines
     * ({@link FinalPlacement}), or, for a replay whose lines were folded as they settled ({@link #lineFolds}),
     * each (message, peer) pair's sample recorded as the line that placed it settled, only the pairs never
     * placed recorded when the room's latencies are collected: a placement is final once its line settles
     * (its time is the latest placement of any seq up to it; later lines only extend the run), so no time
     * per line is kept.
     *
     * <p>Single thread.
     */
    public static final class Placements {
        /** Where the folds record the samples, or {@code null}: no folds (every replay keeps its lines). */
        private final LatencyReport report;
        private final MemberFolds<FinalPlacement.Builder> folded = new MemberFolds<>("these placements'");

        /** Placements of replays that kept their final lines: no folds. */
        public Placements() {
            this(null);
        }

        /** Placements whose folds record each pair's peer-final sample into {@code report} as its line settles. */
        public Placements(LatencyReport report) {
            this.report = report;
        }

        /** What reads each member's final lines for its placements as a replay hands them over while they settle. */
        public LineFolds lineFolds() {
            if (report == null) {
                throw new IllegalStateException("placements fold lines into a report: make them with the report");
            }
            return folded.lineFolds((index, slice, client, room, joinedAt, unreachable) ->
                    new FinalPlacement.Builder(room, joinedAt, unreachable, index, sampler(index, slice, client, room)));
        }

        /** Records the peer-final sample of the message whose first commit is a seq as the seq takes its time. */
        private FinalPlacement.Builder.Placed sampler(MessageIndex index, RunTrace slice, ClientTrace client,
                                                      String room) {
            Long joined = slice.entitledAfter(client, room);
            List<CommittedMessage> log = slice.log(room).messages();
            long measuredFrom = slice.measuredFrom();
            String clientId = client.clientId(); // not the client: a slice read whole holds its change log
            return (seq, at) -> {
                CommittedMessage commit = bySeq(log, seq);
                LogicalMessage message = commit == null ? null : index.byId(room, commit.id());
                if (message != null && message.firstSeq() == seq && measured(message, measuredFrom)
                        && isPeerOf(clientId, joined, message)) {
                    report.record(Metric.PEER_FINAL, room, message.send().intendedAt(), message.send().actualAt(), at);
                }
            };
        }

        /** The peer-final samples of {@code replay}'s member (once per replay: a folded one's fold is let go here). */
        PeerFinal of(RoomReplay replay, MessageIndex index) {
            if (!replay.linesFolded()) {
                FinalPlacement placement = new FinalPlacement(replay, index);
                return (into, message) -> sample(into, Metric.PEER_FINAL, message, placement.at(message.firstSeq()));
            }
            FinalPlacement.Builder fold = folded.take(replay);
            return (into, message) -> {
                if (!fold.hasTime(message.firstSeq())) { // a placed one was recorded as its line settled
                    into.recordNever(Metric.PEER_FINAL, message.room(), message.send().intendedAt());
                }
            };
        }

        /** Lets go of what is left of a room's folds (members no message asked for). */
        public void clear() {
            folded.clear();
        }
    }

    /** The commit of {@code seq} in {@code log} (in seq order), or {@code null}. */
    private static CommittedMessage bySeq(List<CommittedMessage> log, long seq) {
        int lo = 0;
        int hi = log.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = log.get(mid).seq();
            if (at < seq) {
                lo = mid + 1;
            } else if (at > seq) {
                hi = mid - 1;
            } else {
                return log.get(mid);
            }
        }
        return null;
    }

    private static void peerLatencies(ReplayedRun run, LogicalMessage message, Peer peer, LatencyReport report,
                                      Placements placements) {
        RoomReplay replay = peer.replay(run);
        if (message.isCommitted() && replay.isUnreachable(message.firstSeq())) {
            return; // the server dropped it before the peer came back: no strategy could show it
        }
        sample(report, Metric.PEER_FIRST, message, replay.firstShown().get(message.key()));
        if (message.isCommitted()) {
            peer.finals(run, placements).sample(report, message);
        } else {
            sample(report, Metric.PEER_FINAL, message, null);
        }
    }

    /** A sample of the message's send, kept for the strategy and for the message's room. */
    private static void sample(LatencyReport report, Metric metric, LogicalMessage message, Long completedAt) {
        SendRecord send = message.send();
        if (completedAt == null) {
            report.recordNever(metric, message.room(), send.intendedAt());
        } else {
            report.record(metric, message.room(), send.intendedAt(), send.actualAt(), completedAt);
        }
    }

    private static void readReceiptLags(ReplayedRun run, LatencyReport report) {
        Map<String, Map<Long, CommittedMessage>> bySeq = new HashMap<>();
        run.trace().serverLog().forEach((room, log) -> log.messages()
                .forEach(m -> bySeq.computeIfAbsent(room, r -> new HashMap<>()).put(m.seq(), m)));
        Map<String, ReceiptIndex> receipts = new HashMap<>();
        // the clients of each user, in the trace's order: a read mark asks for those of its message's sender
        Map<String, List<ClientTrace>> byUser = new HashMap<>();
        run.trace().clients().forEach(c -> byUser.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(c));
        for (ClientTrace reader : run.trace().clients()) {
            for (ReadMark mark : reader.readMarks()) {
                CommittedMessage read = bySeq.getOrDefault(mark.room(), Map.of()).get(mark.seq());
                if (mark.at() >= run.trace().measuredFrom() && read != null
                        && run.trace().inFinalEpochAt(reader, mark.at())) {
                    String from = read.message().from();
                    lagToEverySender(run, reader.user(), mark, from, byUser.getOrDefault(from, List.of()), receipts,
                            report);
                }
            }
        }
    }

    /** One sample per client of the message's sender (not the reader) in the room, among {@code senders}. */
    private static void lagToEverySender(ReplayedRun run, String reader, ReadMark mark, String from,
                                         List<ClientTrace> senders, Map<String, ReceiptIndex> receipts,
                                         LatencyReport report) {
        for (ClientTrace sender : senders) {
            if (from.equals(reader) || !sender.isMemberOf(mark.room())) {
                continue;
            }
            OptionalLong seen = receipts.computeIfAbsent(sender.clientId(), id -> new ReceiptIndex(sender, run.trace()))
                    .firstReadAtOrAbove(mark.room(), reader, mark.seq(), mark.at());
            if (seen.isPresent()) {
                report.record(Metric.READ_RECEIPT_LAG, mark.room(), mark.at(), mark.at(), seen.getAsLong());
            } else {
                report.recordNever(Metric.READ_RECEIPT_LAG, mark.room(), mark.at());
            }
        }
    }
}
