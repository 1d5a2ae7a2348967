package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;

/**
 * A line of a replayed transcript: its entry, its line number and when it last took its place
 * (inserted, moved, or given its seq).
 *
 * <p>Immutable; any thread.
 */
public record PlacedEntry(long entryNo, TranscriptEntry entry, long placedAt) {
}
