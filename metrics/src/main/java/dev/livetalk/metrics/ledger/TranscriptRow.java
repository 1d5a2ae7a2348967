package dev.livetalk.metrics.ledger;

import java.util.List;

/**
 * One client's transcript of one room at the end of the run, and when it was a correct prefix
 * of its entitled server log (every entitled message up to some seq once, in seq order, nothing
 * else). Times are microseconds since the end of the warm-up.
 *
 * <p>Immutable; any thread.
 *
 * @param client      the client (its user)
 * @param room        the room
 * @param joinedAtSeq the room's head seq when the client joined: it is entitled to every higher seq
 *                    ({@code null}: it showed the room without joining it)
 * @param lines       the final lines in display order, the lines that scrolled away first
 * @param transitions when the transcript became ({@code good}) or stopped being a correct prefix,
 *                    alternating, starting from a good empty transcript
 * @param evictedLines how many of the first {@code lines} the client's transcript evicted
 *                    (scrolled away over the top of its window, a transcript limit); 0 without one
 */
public record TranscriptRow(String client, String room, Long joinedAtSeq, List<Line> lines,
                            List<Transition> transitions, @AddedLater int evictedLines) {
    public TranscriptRow {
        lines = List.copyOf(lines);
        transitions = List.copyOf(transitions);
        if (evictedLines < 0 || evictedLines > lines.size()) {
            throw new IllegalArgumentException("evictedLines must be within 0.." + lines.size() + ": " + evictedLines);
        }
    }

    /** A transcript nothing was evicted from. */
    public TranscriptRow(String client, String room, Long joinedAtSeq, List<Line> lines,
                         List<Transition> transitions) {
        this(client, room, joinedAtSeq, lines, transitions, 0);
    }

    /**
     * One displayed line: its message's {@code key} ({@code null} when the server never heard of
     * it), its seq (0 while unknown), server id, client message id, author and status.
     */
    public record Line(String key, long seq, String id, String clientMsgId, String from, String status) {
    }

    /** From {@code atUs} the transcript was ({@code good}) or was not a correct prefix. */
    public record Transition(long atUs, boolean good) {
    }
}
