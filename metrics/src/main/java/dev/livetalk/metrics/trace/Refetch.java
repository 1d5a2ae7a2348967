package dev.livetalk.metrics.trace;

/**
 * Messages a client received again from the server's history rather than live: a
 * {@code history} reply, or the {@code resume} replay that follows a welcome which resumed a
 * room (each replayed message of a room with a seq up to the head the welcome announced).
 * {@code bytes} is their size as the protocol's codec encodes them (a history reply: the whole
 * frame). What a reconnect costs the server and the client.
 *
 * <p>Immutable; any thread.
 *
 * @param at       when it arrived, trace-clock nanoseconds
 * @param room     the room
 * @param source   {@code history} or {@code resume}
 * @param messages messages carried (0 for an empty history reply)
 * @param bytes    encoded bytes
 * @param firstSeq the oldest seq the server still held (a history reply's {@code firstSeq}); 0 when unknown (a resume replay)
 */
public record Refetch(long at, String room, String source, int messages, long bytes, long firstSeq) {
    /** The source of a history reply. */
    public static final String HISTORY = "history";
    /** The source of a resume replay. */
    public static final String RESUME = "resume";

    /** A refetch without the server's first seq (a resume replay). */
    public Refetch(long at, String room, String source, int messages, long bytes) {
        this(at, room, source, messages, bytes, 0);
    }

    public Refetch {
        if (room == null || !(HISTORY.equals(source) || RESUME.equals(source)) || messages < 0 || bytes < 0
                || firstSeq < 0) {
            throw new IllegalArgumentException("a refetch needs a room, a source (history or resume) and counts >= 0: "
                    + room + ", " + source + ", " + messages + ", " + bytes);
        }
    }
}
