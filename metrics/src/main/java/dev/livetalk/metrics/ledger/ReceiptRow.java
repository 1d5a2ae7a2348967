package dev.livetalk.metrics.ledger;

/**
 * A receipt {@code client} received: {@code reader}'s {@code kind} ({@code delivered} or
 * {@code read}) marker in {@code room} reached {@code seq}; at {@code atUs}, microseconds since
 * the end of the warm-up.
 *
 * <p>Immutable; any thread.
 */
public record ReceiptRow(String client, String room, String reader, String kind, long seq, long atUs) {
}
