package dev.livetalk.metrics.ledger;

/**
 * Messages a client received again from the server's history at {@code atUs} (microseconds
 * since the end of the warm-up): a {@code history} reply or a {@code resume} replay of
 * {@code room}, {@code messages} messages in {@code bytes} bytes as the protocol's codec
 * encodes them; {@code firstSeq}: the oldest seq the server still held, as its history reply
 * said (0: unknown, a resume replay, or a ledger written before it was recorded).
 *
 * <p>Immutable; any thread.
 */
public record RefetchRow(String client, String room, String source, int messages, long bytes, long atUs,
                         long firstSeq) {
}
