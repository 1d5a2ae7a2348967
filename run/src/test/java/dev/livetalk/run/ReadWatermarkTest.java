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

class ReadWatermarkTest {
    private final ReadWatermark watermark = new ReadWatermark();
    private long nextLine = 1;

    @Test
    void readsUpToTheHighestSeqWhosePredecessorsAreAllOnScreenWhateverTheirOrder() {
        for (long seq : new long[] {1, 2, 3, 5, 4, 6}) {
            insert(seq);
        }
        assertThat(watermark.upTo()).isEqualTo(6);
    }

    @Test
    void stopsBelowAMessageThatIsNotOnScreen() {
        for (long seq : new long[] {1, 2, 3, 5, 6}) {
            insert(seq);
        }
        assertThat(watermark.upTo()).isEqualTo(3);
        insert(4);
        assertThat(watermark.upTo()).isEqualTo(6);
    }

    @Test
    void aPendingEchoCountsOnlyOnceItsSeqIsKnown() {
        long line = insert(0);
        insert(2);
        assertThat(watermark.upTo()).isZero();
        watermark.apply(new TranscriptChange.Replaced("r", 0, line, entry(0), entry(1)));
        assertThat(watermark.upTo()).isEqualTo(2);
    }

    @Test
    void goesDownWhenTheLastCopyOfAReadMessageDisappears() {
        long first = insert(1);
        long duplicate = insert(1);
        insert(2);
        watermark.apply(new TranscriptChange.Removed("r", 0, duplicate, entry(1)));
        assertThat(watermark.upTo()).as("another line still shows 1").isEqualTo(2);
        watermark.apply(new TranscriptChange.Removed("r", 0, first, entry(1)));
        assertThat(watermark.upTo()).isZero();
    }

    /** Against a brute-force reading of the screen, over seeded random inserts, replacements, moves and removals. */
    @Test
    void agreesWithAScanOfTheScreenOverRandomChanges() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ReadWatermark under = new ReadWatermark();
            Map<Long, Long> screen = new HashMap<>();
            List<Long> lines = new ArrayList<>();
            for (int step = 0; step < 2_000; step++) {
                int action = random.nextInt(10);
                if (action < 6 || lines.isEmpty()) {
                    long seq = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300);
                    long line = nextLine++;
                    screen.put(line, seq);
                    lines.add(line);
                    under.apply(new TranscriptChange.Inserted("r", step, line, entry(seq), -1));
                } else {
                    long line = lines.get(random.nextInt(lines.size()));
                    long seq = screen.get(line);
                    if (action < 8) {
                        long next = seq == 0 ? 1 + random.nextInt(300) : seq;
                        screen.put(line, next);
                        under.apply(new TranscriptChange.Replaced("r", step, line, entry(seq), entry(next)));
                    } else if (action < 9) {
                        under.apply(new TranscriptChange.Moved("r", step, line, entry(seq), -1));
                    } else {
                        screen.remove(line);
                        lines.remove(line);
                        under.apply(new TranscriptChange.Removed("r", step, line, entry(seq)));
                    }
                }
                assertThat(under.upTo()).as("seed %d, step %d", seed, step).isEqualTo(scan(screen));
            }
        }
    }

    private static long scan(Map<Long, Long> screen) {
        java.util.Set<Long> shown = new java.util.HashSet<>(screen.values());
        long n = 0;
        while (shown.contains(n + 1)) {
            n++;
        }
        return n;
    }

    private long insert(long seq) {
        long line = nextLine++;
        watermark.apply(new TranscriptChange.Inserted("r", 0, line, entry(seq), line - 1));
        return line;
    }

    private static TranscriptEntry entry(long seq) {
        return new TranscriptEntry(seq, seq == 0 ? null : "m" + seq, "c" + seq, "alice", "hi", null,
                seq == 0 ? MessageStatus.PENDING : MessageStatus.SENT);
    }
}
