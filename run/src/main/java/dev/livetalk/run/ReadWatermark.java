package dev.livetalk.run;

import dev.livetalk.client.transcript.TranscriptChange;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reading rule of a simulated user, for one room: the highest seq {@code n} such that
 * every message 1..n is on screen, wherever it is displayed. A read marker means "I have read
 * everything up to n", so this is the highest marker a user who looked at the whole screen can
 * honestly send: for display order [1, 2, 3, 5, 4, 6] it is 6; with 4 missing it is 3. Kept
 * from the transcript's changes in O(1) amortised per change (a count of displayed lines per
 * seq), so a read never scans the transcript.
 *
 * <p>Memory follows what is not yet contiguous on screen, not the room's history: a count per
 * seq only above {@code upTo} (from {@code upTo + 1} to the highest seq shown), and at or below
 * {@code upTo} only the seqs shown more than once (every other seq there is shown exactly once,
 * by definition of {@code upTo}). When the last line of a seq at or below {@code upTo}
 * disappears, {@code upTo} drops below it and the seqs between are counted one by one again.
 * A seq with an evicted line is <em>pinned</em>: that line counts as on screen and can never go,
 * so the seq's count no longer matters and is not kept (after a restart without durable history
 * the new epoch numbers its messages from 1 again, and every one of them would otherwise be a
 * second line of its seq below {@code upTo}). Pinned seqs are those up to {@code pinnedUpTo} and
 * the few above it in {@code pinnedAbove} (lines scroll away from the top, mostly in seq order).
 *
 * <p>Not thread-safe: used on the thread that hosts the client.
 */
final class ReadWatermark {
    private static final int MIN_SLOTS = 64;
    private static final int MAX_SLOTS = Integer.MAX_VALUE - 8;

    /**
     * {@code slots[head + i]}: how many displayed lines carry seq {@code upTo + 1 + i}, for
     * {@code i < span}; every other slot is 0, and so is every count above {@code upTo + span}.
     */
    private int[] slots = new int[MIN_SLOTS];
    private int head;
    private int span;
    /** Seqs at or below {@code upTo} shown on more than one line, with their count (at least 2). */
    private final Map<Long, Integer> duplicates = new HashMap<>();
    private long upTo;
    /** Every seq from 1 to this one has an evicted line. */
    private long pinnedUpTo;
    /** Seqs above {@code pinnedUpTo} with an evicted line. */
    private final java.util.Set<Long> pinnedAbove = new java.util.HashSet<>();

    /** Follows one change of the room's transcript. */
    void apply(TranscriptChange change) {
        switch (change) {
            case TranscriptChange.Inserted inserted -> show(inserted.entry().seq());
            case TranscriptChange.Replaced replaced -> {
                hide(replaced.previous().seq());
                show(replaced.entry().seq());
            }
            case TranscriptChange.Removed removed -> hide(removed.entry().seq());
            case TranscriptChange.Evicted evicted -> pin(evicted.entry().seq()); // scrolled away: seen, for good
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

    /** Counts held (slots of the window above {@code upTo} plus duplicates below it): what this costs in memory. */
    int retainedSlots() {
        return slots.length + duplicates.size() + pinnedAbove.size();
    }

    /** A line of {@code seq} scrolled away: it stays seen, so its seq can never leave the screen. */
    private void pin(long seq) {
        if (seq <= 0 || isPinned(seq)) {
            return;
        }
        if (seq != pinnedUpTo + 1) {
            pinnedAbove.add(seq);
            return;
        }
        pinnedUpTo = seq;
        duplicates.remove(seq);
        while (pinnedAbove.remove(pinnedUpTo + 1)) {
            pinnedUpTo++;
            duplicates.remove(pinnedUpTo);
        }
    }

    private boolean isPinned(long seq) {
        return seq <= pinnedUpTo || (!pinnedAbove.isEmpty() && pinnedAbove.contains(seq));
    }

    private void show(long seq) {
        if (seq <= 0) {
            return;
        }
        if (seq >= MAX_SLOTS) {
            throw new IllegalArgumentException("seq " + seq + " is beyond what a run can reach (rule: < 2^31 - 8)");
        }
        if (seq <= upTo) {
            if (!isPinned(seq)) {
                duplicates.merge(seq, 2, (count, ignored) -> count + 1);
            }
            return;
        }
        int offset = (int) (seq - upTo - 1);
        if (head + (long) offset >= slots.length) {
            relocate(offset + 1L <= slots.length / 2 ? slots.length : capacityFor(Math.max(2L * slots.length, offset + 1L)));
        }
        slots[head + offset]++;
        span = Math.max(span, offset + 1);
        if (offset == 0) {
            advance();
        }
    }

    private void hide(long seq) {
        if (seq <= 0 || isPinned(seq)) {
            return; // a seq with a line scrolled away stays on screen
        }
        if (seq <= upTo) {
            Integer count = duplicates.get(seq);
            if (count == null) {
                drop(seq);
            } else if (count == 2) {
                duplicates.remove(seq);
            } else {
                duplicates.put(seq, count - 1);
            }
            return;
        }
        long offset = seq - upTo - 1;
        if (offset < span && slots[head + (int) offset] > 0) {
            slots[head + (int) offset]--;
        }
    }

    /** Moves {@code upTo} over every seq now on screen right above it. */
    private void advance() {
        while (span > 0 && slots[head] > 0) {
            upTo++;
            if (slots[head] != 1 && !isPinned(upTo)) {
                duplicates.put(upTo, slots[head]);
            }
            slots[head++] = 0;
            span--;
        }
        if (span == 0) {
            head = 0;
        }
        if (slots.length > MIN_SLOTS && span < slots.length / 4) {
            relocate(capacityFor(Math.max(MIN_SLOTS, 2L * span)));
        }
    }

    /** The last line of {@code seq <= upTo} disappeared: {@code upTo} drops below it, the seqs between are counted again. */
    private void drop(long seq) {
        int below = (int) (upTo - seq + 1);
        long wanted = (long) below + span;
        int[] next = new int[capacityFor(Math.max(MIN_SLOTS, wanted + wanted / 2))];
        Arrays.fill(next, 1, below, 1);
        duplicates.entrySet().removeIf(duplicate -> {
            long at = duplicate.getKey();
            if (at > seq && at <= upTo) {
                next[(int) (at - seq)] = duplicate.getValue();
                return true;
            }
            return false;
        });
        System.arraycopy(slots, head, next, below, span);
        slots = next;
        head = 0;
        span = (int) wanted;
        upTo = seq - 1;
    }

    private void relocate(int length) {
        int[] next = new int[length];
        System.arraycopy(slots, head, next, 0, span);
        slots = next;
        head = 0;
    }

    private static int capacityFor(long wanted) {
        return (int) Math.min(MAX_SLOTS, wanted);
    }
}
