package dev.livetalk.simulator;

import dev.livetalk.client.transcript.TranscriptChange;

import java.util.Arrays;

/**
 * The display order of one room's transcript, kept from its {@link TranscriptChange}s as two
 * compact arrays (line numbers and seqs), so that the reading habit can scan what is on
 * screen without copying the transcript's linked lines on every read (which dominated a
 * 200-client run). Lines are found from the bottom, where nearly every change happens; a read
 * resumes the contiguous-prefix scan where the last one stopped, unless a change touched the
 * lines above that point.
 *
 * <p>Single-threaded: the simulation thread.
 */
final class ScreenMirror {
    private long[] lines = new long[64];
    private long[] seqs = new long[64];
    private int size;
    /** Lines {@code [0, scanned)} were read without a gap and have not changed since. */
    private int scanned;
    /** The contiguous seq after reading lines {@code [0, scanned)}. */
    private long scannedSeq;

    void apply(TranscriptChange change) {
        switch (change) {
            case TranscriptChange.Inserted inserted -> insertAfter(inserted.afterEntryNo(), inserted.entryNo(),
                    inserted.entry().seq());
            case TranscriptChange.Moved moved -> {
                removeAt(indexOf(moved.entryNo()));
                insertAfter(moved.afterEntryNo(), moved.entryNo(), moved.entry().seq());
            }
            case TranscriptChange.Replaced replaced -> {
                int at = indexOf(replaced.entryNo());
                seqs[at] = replaced.entry().seq();
                touched(at);
            }
            case TranscriptChange.Removed removed -> removeAt(indexOf(removed.entryNo()));
            case TranscriptChange.StatusChanged status -> {
                // the place and the seq stay
            }
        }
    }

    /** The highest seq up to which lines 1, 2, ... show in display order (the participant's reading rule). */
    long contiguousSeq() {
        long expected = scannedSeq;
        int i = scanned;
        for (; i < size; i++) {
            long seq = seqs[i];
            if (seq == expected + 1) {
                expected++;
            } else if (seq > expected + 1) {
                break;
            }
        }
        scanned = i;
        scannedSeq = expected;
        return expected;
    }

    /** A change at display index {@code at}: a later read rescans from the top if it was in the read part. */
    private void touched(int at) {
        if (at < scanned) {
            scanned = 0;
            scannedSeq = 0;
        }
    }

    /** The seqs in display order (tests compare them with the transcript). */
    long[] seqs() {
        return Arrays.copyOf(seqs, size);
    }

    private void insertAfter(long after, long line, long seq) {
        int at = after < 0 ? 0 : indexOf(after) + 1;
        if (size == lines.length) {
            lines = Arrays.copyOf(lines, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        System.arraycopy(lines, at, lines, at + 1, size - at);
        System.arraycopy(seqs, at, seqs, at + 1, size - at);
        lines[at] = line;
        seqs[at] = seq;
        size++;
        touched(at);
    }

    private void removeAt(int at) {
        System.arraycopy(lines, at + 1, lines, at, size - at - 1);
        System.arraycopy(seqs, at + 1, seqs, at, size - at - 1);
        size--;
        touched(at);
    }

    private int indexOf(long line) {
        for (int i = size - 1; i >= 0; i--) {
            if (lines[i] == line) {
                return i;
            }
        }
        throw new IllegalStateException("line " + line + " is not displayed: the mirror lost track of the transcript");
    }
}
