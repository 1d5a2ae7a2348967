package dev.livetalk.metrics.ledger;

/**
 * A receipt {@code client} received: {@code reader}'s {@code kind} ({@code delivered} or
 * {@code read}) marker in {@code room} reached {@code seq}; at {@code atUs}, microseconds since
 * the end of the warm-up. {@code lostEpoch}: the client's link was in an epoch the server later
 * lost (a restart without durable history): its seq belongs to that epoch's seq space and it
 * is not judged against the final epoch's log.
 *
 * <p>Immutable; any thread.
 */
public record ReceiptRow(String client, String room, String reader, String kind, long seq, long atUs,
                         @AddedLater boolean lostEpoch) {
    /** A receipt of a run with one history. */
    public ReceiptRow(String client, String room, String reader, String kind, long seq, long atUs) {
        this(client, room, reader, kind, seq, atUs, false);
    }
}
