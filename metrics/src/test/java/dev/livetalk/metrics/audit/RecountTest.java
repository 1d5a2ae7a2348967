package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.TranscriptRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The recount of the worked example of docs/METRICS.md, row by row. */
class RecountTest {
    private final Recount recount = new Recount(new HandMadeLedger().ledger());

    @Test
    void shouldRecountTheWorkedExampleOfTheMetricsDocument() {
        assertThat(recount.sum(RoomRecount::lost)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::duplicates)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::phantoms)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::inversions)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::pairs)).isEqualTo(10 + 10);
        assertThat(recount.sum(RoomRecount::notInLongestRun)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::stuckPending)).isEqualTo(1);
        assertThat(recount.sum(RoomRecount::ok)).isEqualTo(5 + 3);
        assertThat(recount.sum(RoomRecount::duplicated)).isEqualTo(1);
        assertThat(recount.clients()).isEqualTo(2);
        assertThat(recount.convergedClients()).isEqualTo(1);
        assertThat(recount.convergedShare()).isEqualTo(50.0);
    }

    @Test
    void shouldTakeKendallTauOverTheSummedPairs() {
        assertThat(recount.kendallTau()).isEqualTo(1.0 - 2.0 * 1 / 20);
    }

    @Test
    void shouldPhaseByTheFaultWindowStartInclusiveEndExclusive() {
        assertThat(recount.phaseOf(2_499)).isEqualTo("before");
        assertThat(recount.phaseOf(2_500)).isEqualTo("during");
        assertThat(recount.phaseOf(3_499)).isEqualTo("during");
        assertThat(recount.phaseOf(3_500)).isEqualTo("after");
    }

    @Test
    void shouldCountPeerSamplesOfEveryDeliveryRowAndNeverForWhatNeverCame() {
        List<LatencySample> peerFirst = new ArrayList<>();
        LedgerRooms ledger = LedgerRooms.of(new HandMadeLedger().ledger());
        try {
            ledger.each(room -> new RoomPass(room, ledger.finalEpoch()).atPeers(d -> d.firstShownUs(), peerFirst::add));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(peerFirst).hasSize(6);
        assertThat(peerFirst.stream().filter(s -> s.correctedUs() == null)).hasSize(2);
        assertThat(peerFirst.get(0)).isEqualTo(new LatencySample(1_000, 2_000L, 1_990L));
    }

    @Test
    void shouldNotConvergeAClientWhoseRoomEndsBrokenAfterTheWindow() {
        assertThat(recount.convergence()).containsExactly(new ConvergenceSample("c", "outage", 0, 3_500, null));
    }

    @Test
    void shouldConvergeAtTheLastGoodTransitionBeforeTheNextWindow() {
        HandMadeLedger ledger = new HandMadeLedger();
        ledger.transcripts.set(1, new TranscriptRow("c", "r", 0L, ledger.transcripts.get(1).lines(),
                List.of(new TranscriptRow.Transition(3_000, false), new TranscriptRow.Transition(4_200, true))));
        assertThat(new Recount(ledger.ledger()).convergence())
                .containsExactly(new ConvergenceSample("c", "outage", 0, 3_500, 700L));
    }

    /** The quadratic counts against a sort-based count of a shuffled list with duplicates (seeded). */
    @Test
    void shouldCountInversionsAndTheLongestRunAsTheirDefinitions() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < random.nextInt(12); i++) {
                seqs.add((long) random.nextInt(6));
            }
            assertThat(RoomRecount.inversions(seqs)).isEqualTo(bruteInversions(seqs));
            assertThat(RoomRecount.longestRun(seqs)).isEqualTo(bruteLongestRun(seqs));
        }
        assertThat(RoomRecount.inversions(List.of(1L, 3L, 2L, 3L, 5L))).isEqualTo(1);
        assertThat(RoomRecount.longestRun(List.of(1L, 3L, 2L, 3L, 5L))).isEqualTo(4);
    }

    private static long bruteInversions(List<Long> seqs) {
        long n = 0;
        for (int i = 0; i < seqs.size(); i++) {
            for (int j = 0; j < i; j++) {
                n += seqs.get(j) > seqs.get(i) ? 1 : 0;
            }
        }
        return n;
    }

    /** Every subset, kept when non-decreasing. */
    private static long bruteLongestRun(List<Long> seqs) {
        long best = 0;
        for (int mask = 0; mask < 1 << seqs.size(); mask++) {
            long last = Long.MIN_VALUE;
            boolean sorted = true;
            for (int i = 0; i < seqs.size() && sorted; i++) {
                if ((mask >> i & 1) == 1) {
                    sorted = seqs.get(i) >= last;
                    last = seqs.get(i);
                }
            }
            best = sorted ? Math.max(best, Integer.bitCount(mask)) : best;
        }
        return best;
    }
}
