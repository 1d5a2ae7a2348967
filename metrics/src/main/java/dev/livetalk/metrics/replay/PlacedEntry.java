package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;

/**
 * A line of a replayed transcript: its entry, its line number, when it last took its place
 * (inserted, moved, or given its seq), and whether it scrolled away ({@code evicted}: the
 * client's transcript evicted it over the top of its window; it stays in the replay's display
 * order, at the top, and counts as displayed).
 *
 * <p>Immutable; any thread.
 */
public record PlacedEntry(long entryNo, TranscriptEntry entry, long placedAt, boolean evicted) {

    /** A line still displayed at the end. */
    public PlacedEntry(long entryNo, TranscriptEntry entry, long placedAt) {
        this(entryNo, entry, placedAt, false);
    }
}
