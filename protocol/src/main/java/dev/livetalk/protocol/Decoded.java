package dev.livetalk.protocol;

/**
 * The outcome of decoding one frame: the event, or why it was rejected.
 *
 * @param <T> the direction's event type
 */
public sealed interface Decoded<T extends Event> {

    /** A well-formed event. */
    record Ok<T extends Event>(T event) implements Decoded<T> {
    }

    /**
     * A frame that breaks the contract.
     *
     * @param code    the error code to answer with
     * @param message what is wrong: field, value, rule
     * @param ref     the offending clientMsgId, else type, when known, or {@code null}
     */
    record Rejected<T extends Event>(ErrorCode code, String message, String ref) implements Decoded<T> {
        /** The error event to send back. */
        public ErrorEvent toErrorEvent() {
            return new ErrorEvent(code, message, ref);
        }
    }
}
