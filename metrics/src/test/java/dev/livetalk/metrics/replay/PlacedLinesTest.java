package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.SameObjects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PlacedLines} against a list of {@link PlacedEntry} built from the same lines. */
class PlacedLinesTest {
    private static final long SEED = 5_122_026L;

    @Test
    void shouldReadAsTheListOfItsLines() {
        Random random = new Random(SEED);
        for (int round = 0; round < 20; round++) {
            int size = random.nextInt(200);
            List<PlacedEntry> model = new ArrayList<>();
            PlacedLines.Builder built = new PlacedLines.Builder(random.nextInt(size + 2));
            for (int i = 0; i < size; i++) {
                PlacedEntry line = new PlacedEntry(random.nextLong(1_000), entry(random.nextInt(50)),
                        random.nextLong(), random.nextBoolean());
                model.add(line);
                built.add(line.entryNo(), line.entry(), line.placedAt(), line.evicted());
            }
            PlacedLines lines = built.build();
            assertThat(lines).isEqualTo(model).hasSameHashCodeAs(model).containsExactlyElementsOf(model);
            assertThat(PlacedLines.of(model)).isEqualTo(model);
        }
    }

    @Test
    void shouldShowOneEntryObjectPerEqualEntryOnceShared() {
        SameObjects<TranscriptEntry> shared = new SameObjects<>();
        PlacedLines.Builder first = new PlacedLines.Builder(2);
        first.add(1, entry(1), 10, true);
        first.add(2, entry(2), 20, false);
        PlacedLines.Builder second = new PlacedLines.Builder(1);
        second.add(7, entry(2), 30, false);
        PlacedLines a = first.build().withSharedEntries(shared);
        PlacedLines b = second.build().withSharedEntries(shared);
        assertThat(b.get(0).entry()).isSameAs(a.get(1).entry());
        assertThat(b).containsExactly(new PlacedEntry(7, entry(2), 30, false));
        assertThat(a).containsExactly(new PlacedEntry(1, entry(1), 10, true), new PlacedEntry(2, entry(2), 20, false));
    }

    /** A new entry object of seq {@code seq}, equal to every other of that seq. */
    private static TranscriptEntry entry(int seq) {
        return new TranscriptEntry(seq, "m" + seq, "c" + seq, "bob", "body " + seq, null, MessageStatus.DELIVERED);
    }
}
