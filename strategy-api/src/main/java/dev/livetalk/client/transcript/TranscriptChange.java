package dev.livetalk.client.transcript;

/**
 * One change of a room's transcript, stamped with the session time ({@code at}, nanoseconds)
 * of the input that caused it. {@code entryNo} names a displayed line for its whole life (a
 * replace keeps it); {@code afterEntryNo} is the line it now follows, or -1 at the top.
 *
 * <p>A <em>move</em> is exactly one {@link Moved} change: a line that stays displayed and whose
 * place among the other lines changed, i.e. it now follows a different line than it did,
 * not counting lines inserted or removed around it. An explicit move or a replace that lands
 * at the same place records no {@code Moved}.
 *
 * <p>Immutable records: safe to hand to other threads (e.g. a trace recorder).
 */
public sealed interface TranscriptChange {

    /** The room of the transcript. */
    String room();

    /** Session time of the change, in nanoseconds. */
    long at();

    /** The display line. */
    long entryNo();

    /** The line's entry after the change (for {@link Removed} and {@link Evicted}: the entry taken away). */
    TranscriptEntry entry();

    /** A new line appeared. */
    record Inserted(String room, long at, long entryNo, TranscriptEntry entry, long afterEntryNo)
            implements TranscriptChange {
    }

    /** A line jumped to another place: a visible move. */
    record Moved(String room, long at, long entryNo, TranscriptEntry entry, long afterEntryNo)
            implements TranscriptChange {
    }

    /** A line's content changed in place (e.g. a pending echo became the committed message). */
    record Replaced(String room, long at, long entryNo, TranscriptEntry previous, TranscriptEntry entry)
            implements TranscriptChange {
    }

    /** A line disappeared. */
    record Removed(String room, long at, long entryNo, TranscriptEntry entry) implements TranscriptChange {
    }

    /**
     * A line scrolled away over the top of a transcript with a limit: it is no longer
     * displayed, and it was seen. A measurement keeps it at the top of the display order
     * (a line inserted at the window's top later goes after it), exactly as if it were still
     * displayed. An evicted line never changes again, so a streaming measurement can settle
     * everything about it at its eviction. {@code entry}: the entry evicted.
     */
    record Evicted(String room, long at, long entryNo, TranscriptEntry entry) implements TranscriptChange {
    }

    /** A line's status changed. */
    record StatusChanged(String room, long at, long entryNo, MessageStatus previous, TranscriptEntry entry)
            implements TranscriptChange {
    }
}
