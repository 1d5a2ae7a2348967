package dev.livetalk.run;

import dev.livetalk.client.transcript.TranscriptChange;

import java.util.Arrays;

/**
 * Oracle for {@link ReadWatermarkPropertyTest}: the original {@link ReadWatermark}, a count per seq
 * from 1 (memory grows with the room's history), kept verbatim so the bounded one is checked
 * against it change by change. Test code only.
 *
 * <p>Original description:
 * The reading rule of a simulated user, for one room: the highest seq {@code n} such that
 * every message 1..n is on screen, wherever it is displayed. A read marker means "I have read
 * everything up to n", so this is the highest marker a user who looked at the whole screen can
 * honestly send: for display order [1, 2, 3, 5, 4, 6] it is 6; with 4 missing it is 3. Kept
 * from the transcript's changes in O(1) amortised per change (a count of displayed lines per
 * seq), so a read never scans the transcript.
 *
 * <p>Not thread-safe: used on the thread that hosts the client.
 */
final class ArrayReadWatermark {
    /** {@code shown[s]}: how many displayed lines carry seq {@code s}. */
    private int[] shown = new int[64];
    private long upTo;

    /** Follows one change of the room's transcript. */
    void apply(TranscriptChange change) {
        switch (change) {
            case TranscriptChange.Inserted inserted -> show(inserted.entry().seq());
            case TranscriptChange.Replaced replaced -> {
                hide(replaced.previous().seq());
                show(replaced.entry().seq());
            }
            case TranscriptChange.Removed removed -> hide(removed.entry().seq());
            case TranscriptChange.Evicted evicted -> {
                // scrolled away over the top: the user saw it, it counts as on screen
            }
            case TranscriptChange.Moved moved -> {
                // the line moved; what is on screen did not change
            }
            case TranscriptChange.StatusChanged status -> {
                // the seq stays
            }
        }
    }

    /** Every message up to this seq is on screen (0: not even the first). */
    long upTo() {
        return upTo;
    }

    private void show(long seq) {
        if (seq <= 0) {
            return;
        }
        int at = index(seq);
        if (at >= shown.length) {
            shown = Arrays.copyOf(shown, Math.max(at + 1, shown.length * 2));
        }
        shown[at]++;
        while (upTo + 1 < shown.length && shown[(int) (upTo + 1)] > 0) {
            upTo++;
        }
    }

    private void hide(long seq) {
        if (seq <= 0 || seq >= shown.length || shown[(int) seq] == 0) {
            return;
        }
        if (--shown[(int) seq] == 0 && seq <= upTo) {
            upTo = seq - 1;
        }
    }

    private static int index(long seq) {
        if (seq >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("seq " + seq + " is beyond what a run can reach (rule: < 2^31 - 8)");
        }
        return (int) seq;
    }
}
