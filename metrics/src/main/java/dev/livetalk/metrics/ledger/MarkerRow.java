package dev.livetalk.metrics.ledger;

/**
 * A marker of {@code client} in {@code room}: with {@code source} {@code "read"} its user
 * decided to have read up to {@code seq} (the reading rule); with {@code "sent"} the client put
 * a {@code kind} ({@code delivered} or {@code read}) marker up to {@code seq} on the wire. At
 * {@code atUs}, microseconds since the end of the warm-up. {@code lostEpoch}: the client's link
 * was in an epoch the server later lost (a restart without durable history): its seq belongs to
 * that epoch's seq space and it is not judged against the final epoch's log.
 *
 * <p>Immutable; any thread.
 */
public record MarkerRow(String client, String room, String source, String kind, long seq, long atUs,
                        @AddedLater boolean lostEpoch) {
    /** A marker of a run with one history. */
    public MarkerRow(String client, String room, String source, String kind, long seq, long atUs) {
        this(client, room, source, kind, seq, atUs, false);
    }

    /** The user decided to read. */
    public static final String READ_DECISION = "read";
    /** The client transmitted the marker. */
    public static final String SENT = "sent";
}
