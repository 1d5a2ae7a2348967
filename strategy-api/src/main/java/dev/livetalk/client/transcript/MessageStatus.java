package dev.livetalk.client.transcript;

/**
 * What a user sees next to a message. For the user's own messages the status walks forward
 * {@code PENDING -> SENT -> DELIVERED -> READ}, or ends in {@code FAILED}. A committed message
 * of another user is shown as {@code SENT} (the server has it). Immutable.
 */
public enum MessageStatus {
    /** Shown locally, not yet acknowledged by the server. */
    PENDING,
    /** Committed by the server: it has a seq. */
    SENT,
    /** Another member's client received it. */
    DELIVERED,
    /** Another member read it. */
    READ,
    /** Given up: the client no longer tries to send it. */
    FAILED;

    /**
     * Whether moving from this status to {@code next} is progress a UI may show: forward along
     * pending, sent, delivered, read; FAILED only from PENDING; a committed message never
     * becomes FAILED and nothing leaves FAILED except being committed after all.
     */
    public boolean canAdvanceTo(MessageStatus next) {
        if (this == FAILED) {
            return next == SENT || next == DELIVERED || next == READ;
        }
        if (next == FAILED) {
            return this == PENDING;
        }
        return next.ordinal() > ordinal();
    }
}
