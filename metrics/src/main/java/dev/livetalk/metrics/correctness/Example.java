package dev.livetalk.metrics.correctness;

/**
 * One thing that went wrong, with what a reader needs to find it in the trace.
 *
 * <p>Immutable; any thread.
 *
 * @param kind        what went wrong
 * @param clientId    the client that showed it
 * @param room        the room
 * @param seq         the message's seq, or 0 when it has none
 * @param messageId   the server id, else the client message id
 * @param at          trace time: the commit (lost), the first display (duplicated, causal), the
 *                    last placement (misordered, phantom), the intended send (stuck pending), the
 *                    marker (unfounded delivered or read), the status shown (status ahead or
 *                    backwards), the actual send (missing echo)
 */
public record Example(ExampleKind kind, String clientId, String room, long seq, String messageId, long at) {
}
