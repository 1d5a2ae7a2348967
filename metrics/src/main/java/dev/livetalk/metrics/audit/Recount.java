package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.RefetchRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.ledger.WelcomeRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * One strategy's figures recounted from its ledger alone (docs/METRICS.md): the correctness
 * figures summed over every final transcript, the latency samples of each metric, the
 * convergence samples after each fault window. Times are microseconds, as the ledger has them.
 *
 * <p>Recounted one room at a time ({@link RoomPass} over {@link LedgerRooms}) and added up: what
 * it keeps of the rows is the sums, the tallies of the latencies ({@link LatencyTally}), each
 * final transcript's counts, and the rows read whole (fault windows, welcomes, refetches,
 * transcripts without their lines).
 *
 * <p>Immutable once built; any thread.
 */
final class Recount {
    private final List<FaultRow> faults;
    private final List<WelcomeRow> welcomes;
    private final List<RefetchRow> refetches;
    private final List<RoomRecount> rooms = new ArrayList<>();
    private final TreeSet<String> clients = new TreeSet<>();
    private final TreeSet<String> notConverged = new TreeSet<>();
    private final List<ConvergenceSample> convergence;
    private final Map<String, LatencyTally> latency = new HashMap<>();
    private StatusTruthRecount statusTruth = new StatusTruthRecount(0, 0, 0, 0);
    private long moves;

    /** The recount of a ledger held in memory. */
    Recount(Ledger ledger) {
        this(LedgerRooms.of(ledger), true);
    }

    private Recount(LedgerRooms ledger, boolean inMemory) {
        this(ledger.faults(), ledger.welcomes(), ledger.refetches(), ledger.transcripts());
        if (inMemory) {
            try {
                addRooms(ledger, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // rows in memory: nothing to read
            }
        }
    }

    private Recount(List<FaultRow> faults, List<WelcomeRow> welcomes, List<RefetchRow> refetches,
                    List<TranscriptRow> transcripts) {
        this.faults = faults;
        this.welcomes = welcomes;
        this.refetches = refetches;
        this.convergence = ConvergenceSample.of(transcripts, faults);
        transcripts.forEach(t -> clients.add(t.client()));
        for (AuditedFigure figure : FigureTable.FIGURES) {
            if (figure.samples() != null) {
                latency.put(figure.name(), new LatencyTally());
            }
        }
    }

    /**
     * The recount of {@code ledger}, room by room; with {@code eachRoom}, also each room's own
     * recount (every row of the room, every fault window and welcome), handed over as soon as the
     * room is recounted.
     */
    static Recount of(LedgerRooms ledger, BiConsumer<String, Recount> eachRoom) throws IOException {
        Recount all = new Recount(ledger, false);
        all.addRooms(ledger, eachRoom);
        return all;
    }

    /** The recount of a room of {@code ledger} without a row: every fault window and welcome, nothing else. */
    static Recount ofNoRows(LedgerRooms ledger) {
        return new Recount(ledger.faults(), ledger.welcomes(), List.of(), List.of());
    }

    private void addRooms(LedgerRooms ledger, BiConsumer<String, Recount> eachRoom) throws IOException {
        String finalEpoch = ledger.finalEpoch();
        ledger.each(rows -> {
            RoomPass pass = new RoomPass(rows, finalEpoch);
            add(pass);
            if (eachRoom != null) {
                // a room's own final epoch is its first commit's, as in a ledger of its rows alone
                String roomEpoch = UnreachableRecount.finalEpoch(LedgerRooms.firstCommitEpoch(rows.messages()),
                        rows.welcomes());
                Recount room = new Recount(rows.faults(), rows.welcomes(), rows.refetches(), rows.transcripts());
                room.add(Objects.equals(roomEpoch, finalEpoch) ? pass : new RoomPass(rows, roomEpoch));
                eachRoom.accept(rows.room(), room);
            }
        });
    }

    private void add(RoomPass room) {
        rooms.addAll(room.transcripts());
        clients.addAll(room.clients());
        notConverged.addAll(room.notConverged());
        statusTruth = statusTruth.plus(room.statusTruth());
        moves += room.moves();
        room.latency().forEach((figure, tally) -> latency.get(figure).addAll(tally));
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

    /** Every fault window of the run. */
    List<FaultRow> faults() {
        return faults;
    }

    /** Every welcome of the run. */
    List<WelcomeRow> welcomes() {
        return welcomes;
    }

    /** The refetches recounted. */
    List<RefetchRow> refetches() {
        return refetches;
    }

    /** Every client (user) with a row in the ledger's messages, deliveries, transcripts, markers or receipts. */
    List<String> clientNames() {
        return List.copyOf(clients);
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
        return moves;
    }

    List<ConvergenceSample> convergence() {
        return convergence;
    }

    /** The samples of the latency figure {@code figure} ({@link AuditedFigure#name}) over every room. */
    LatencyTally latency(String figure) {
        return latency.get(figure);
    }

    /** The phase of a time against the ledger's fault windows (docs/METRICS.md, "Phase"). */
    String phaseOf(long us) {
        return phaseOf(faults, us);
    }

    /** The phase of a time against {@code faults}. */
    static String phaseOf(List<FaultRow> faults, long us) {
        boolean ended = false;
        for (FaultRow window : faults) {
            if (us >= window.startUs() && us < window.endUs()) {
                return "during";
            }
            ended |= window.endUs() <= us;
        }
        return ended ? "after" : "before";
    }
}
