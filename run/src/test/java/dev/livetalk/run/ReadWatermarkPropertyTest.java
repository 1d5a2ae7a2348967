package dev.livetalk.run;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReadWatermark} keeps counts only for what is not yet contiguous; it must read exactly
 * as the count-per-seq original ({@link ArrayReadWatermark}) after every change, and stay small.
 */
class ReadWatermarkPropertyTest {
    private static final int SEEDS = 30;
    private static final int STEPS = 20_000;
    private static final int MAX_LINES = 400;

    /** Seeded random change sequences (seeds 1..{@value #SEEDS}, named in any failure), compared change by change. */
    @Test
    void readsExactlyAsTheCountPerSeqOriginalAfterEveryChange() {
        long drops = 0;
        long deepDrops = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Run run = new Run(seed);
            run.play();
            drops += run.drops;
            deepDrops += run.deepDrops;
        }
        // the sequences must reach the hard case: the watermark falling back, far below where it was
        assertThat(drops).as("changes that lowered the watermark").isGreaterThan(1_000);
        assertThat(deepDrops).as("changes that lowered it by more than 100").isGreaterThan(100);
    }

    @Test
    void aMillionInOrderMessagesKeepTheStateAtItsFloor() {
        ReadWatermark watermark = new ReadWatermark();
        int most = 0;
        for (long seq = 1; seq <= 1_000_000; seq++) {
            watermark.apply(inserted(seq, seq));
            most = Math.max(most, watermark.retainedSlots());
        }
        assertThat(watermark.upTo()).isEqualTo(1_000_000);
        assertThat(most).as("most slots held over 1,000,000 in-order inserts").isLessThanOrEqualTo(64);
    }

    @Test
    void aMillionMessagesArrivingOutOfOrderWithDuplicatesKeepTheStateBoundedByTheReorderWindow() {
        ReadWatermark watermark = new ReadWatermark();
        SplittableRandom random = new SplittableRandom(7);
        int window = 100;
        int most = 0;
        long line = 1;
        for (long block = 0; block < 1_000_000 / window; block++) {
            // each block of 100 seqs arrives reversed, and one seq of it twice: the second copy later goes away
            long duplicate = block * window + 1 + random.nextInt(window);
            long duplicateLine = 0;
            for (long seq = (block + 1) * window; seq > block * window; seq--) {
                watermark.apply(inserted(line++, seq));
                if (seq == duplicate) {
                    duplicateLine = line++;
                    watermark.apply(inserted(duplicateLine, seq));
                }
                most = Math.max(most, watermark.retainedSlots());
            }
            watermark.apply(new TranscriptChange.Removed("r", 0, duplicateLine, entry(duplicate)));
        }
        assertThat(watermark.upTo()).isEqualTo(1_000_000);
        assertThat(most).as("most slots held over 1,000,000 inserts reordered within %d", window).isLessThanOrEqualTo(4 * window);
    }

    @Test
    void aNewEpochNumberingFromOneAgainBelowLinesThatScrolledAwayKeepsTheStateBounded() {
        ReadWatermark watermark = new ReadWatermark();
        ArrayReadWatermark oracle = new ArrayReadWatermark();
        java.util.ArrayDeque<long[]> screen = new java.util.ArrayDeque<>(); // {line, seq}, oldest first
        long line = 0;
        int most = 0;
        for (int epoch = 0; epoch < 3; epoch++) { // a restart without durable history: seqs from 1 again
            for (long seq = 1; seq <= 200_000; seq++) {
                TranscriptChange shown = inserted(++line, seq);
                watermark.apply(shown);
                oracle.apply(shown);
                screen.addLast(new long[] {line, seq});
                if (screen.size() > 1_000) { // a transcript limit of 1,000 lines
                    long[] top = screen.removeFirst();
                    TranscriptChange gone = new TranscriptChange.Evicted("r", line, top[0], entry(top[1]));
                    watermark.apply(gone);
                    oracle.apply(gone);
                }
                most = Math.max(most, watermark.retainedSlots());
            }
            assertThat(watermark.upTo()).isEqualTo(oracle.upTo()).isEqualTo(200_000);
        }
        // without pinning, every seq of the second and third epochs would be a duplicate below upTo
        assertThat(most).isLessThanOrEqualTo(1_100);
    }

    @Test
    void aLongGapGrowsTheStateAndFillingItShrinksItBack() {
        ReadWatermark watermark = new ReadWatermark();
        for (long seq = 2; seq <= 100_001; seq++) {
            watermark.apply(inserted(seq, seq));
        }
        assertThat(watermark.upTo()).isZero();
        assertThat(watermark.retainedSlots()).isGreaterThanOrEqualTo(100_000);
        watermark.apply(inserted(1, 1));
        assertThat(watermark.upTo()).isEqualTo(100_001);
        assertThat(watermark.retainedSlots()).isLessThanOrEqualTo(64);
    }

    @Test
    void refusesASeqNoRunCanReachAsTheOriginalDoes() {
        ReadWatermark watermark = new ReadWatermark();
        assertThatThrownBy(() -> watermark.apply(inserted(1, Integer.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seq 2147483647 is beyond what a run can reach (rule: < 2^31 - 8)");
        assertThat(watermark.upTo()).isZero();
    }

    /** One seeded random sequence of changes applied to both implementations. */
    private static final class Run {
        private final long seed;
        private final SplittableRandom random;
        private final ReadWatermark under = new ReadWatermark();
        private final ArrayReadWatermark oracle = new ArrayReadWatermark();
        private final Map<Long, Long> screen = new HashMap<>();
        /** Seqs of the lines evicted so far. */
        private final java.util.Set<Long> evicted = new java.util.HashSet<>();
        /** Displayed lines, oldest first, so eviction takes the top. */
        private final List<Long> lines = new ArrayList<>();
        private final int window;
        private long frontier = 1;
        private long nextLine = 1;
        private int step;
        private long drops;
        private long deepDrops;

        Run(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.window = 1 + random.nextInt(200);
        }

        void play() {
            for (step = 0; step < STEPS; step++) {
                int action = random.nextInt(100);
                if (action < 45 && lines.size() >= MAX_LINES || action >= 65 && action < 75 && !lines.isEmpty()) {
                    long line = lines.removeFirst();
                    long seq = screen.remove(line);
                    evicted.add(seq);
                    apply(new TranscriptChange.Evicted("r", step, line, entry(seq)));
                } else if (lines.isEmpty() || action < 45) {
                    long line = nextLine++;
                    long seq = newSeq();
                    screen.put(line, seq);
                    lines.add(line);
                    apply(new TranscriptChange.Inserted("r", step, line, entry(seq), line - 1));
                } else if (action < 55) {
                    long line = anyLine();
                    long previous = screen.get(line);
                    long next = newSeq();
                    screen.put(line, next);
                    apply(new TranscriptChange.Replaced("r", step, line, entry(previous), entry(next)));
                } else if (action < 65) {
                    long line = anyLine();
                    lines.remove(line);
                    apply(new TranscriptChange.Removed("r", step, line, entry(screen.remove(line))));
                } else if (action < 85) {
                    long line = anyLine();
                    apply(new TranscriptChange.Moved("r", step, line, entry(screen.get(line)), -1));
                } else if (action < 90) {
                    long line = anyLine();
                    apply(new TranscriptChange.StatusChanged("r", step, line, MessageStatus.PENDING, entry(screen.get(line))));
                } else if (action < 97) {
                    // a removal of a line neither knows as displayed, of a seq no line shows: reachable or not
                    long seq = random.nextInt(10) == 0 ? Integer.MAX_VALUE - 8L + random.nextInt(8) : random.nextLong(frontier + 2L * window);
                    if (evicted.contains(seq) || screen.containsValue(seq)) {
                        // a seq some line shows or showed: a transcript removes only a line it displays, so a
                        // removal of an unknown line of it cannot happen (the original class, which only counts
                        // lines, would lower the count of a line that scrolled away and is kept as seen)
                        continue;
                    }
                    apply(new TranscriptChange.Removed("r", step, nextLine++, entry(seq)));
                } else {
                    long seq = Integer.MAX_VALUE - 8L + random.nextLong(1L << 40);
                    TranscriptChange change = new TranscriptChange.Inserted("r", step, nextLine++, entry(seq), -1);
                    assertThatThrownBy(() -> oracle.apply(change)).isInstanceOf(IllegalArgumentException.class);
                    assertThatThrownBy(() -> under.apply(change))
                            .as("seed %d, step %d: %s", seed, step, change)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(Long.toString(seq));
                    compare(change);
                }
            }
        }

        /**
         * Mostly the next seq in order; else ahead of it (a gap), a seq already handed out (a
         * duplicate), the first seq missing from the screen (a gap filled late), or a pending echo.
         */
        private long newSeq() {
            int kind = random.nextInt(20);
            if (kind < 12) {
                return frontier++;
            } else if (kind < 16) {
                return frontier + 1 + random.nextInt(window);
            } else if (kind < 18) {
                return 1 + random.nextLong(frontier);
            } else if (kind < 19) {
                return oracle.upTo() + 1;
            }
            return 0;
        }

        private long anyLine() {
            return lines.get(random.nextInt(lines.size()));
        }

        private void apply(TranscriptChange change) {
            long before = oracle.upTo();
            oracle.apply(change);
            if (oracle.upTo() < before) {
                drops++;
                if (oracle.upTo() < before - 100) {
                    deepDrops++;
                }
            }
            under.apply(change);
            compare(change);
        }

        private void compare(TranscriptChange change) {
            assertThat(under.upTo()).as("seed %d, step %d, after %s", seed, step, change).isEqualTo(oracle.upTo());
        }
    }

    private static TranscriptChange inserted(long line, long seq) {
        return new TranscriptChange.Inserted("r", 0, line, entry(seq), line - 1);
    }

    private static TranscriptEntry entry(long seq) {
        return new TranscriptEntry(seq, seq == 0 ? null : "m" + seq, "c" + seq, "alice", "hi", null,
                seq == 0 ? MessageStatus.PENDING : MessageStatus.SENT);
    }
}
