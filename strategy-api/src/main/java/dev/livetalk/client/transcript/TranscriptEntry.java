package dev.livetalk.client.transcript;

import dev.livetalk.protocol.Message;

/**
 * One displayed line of a room's transcript. Immutable: a change makes a new entry.
 *
 * @param seq         the message's seq in the room, or 0 while unknown
 * @param id          the server's id, or {@code null} while pending
 * @param clientMsgId the sender's client message id
 * @param from        the sender
 * @param body        the text
 * @param replyTo     the id of the parent message, or {@code null}
 * @param status      what the user sees next to it
 */
public record TranscriptEntry(long seq, String id, String clientMsgId, String from, String body,
                              String replyTo, MessageStatus status) {
    public TranscriptEntry {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0: " + seq);
        }
        if (id == null && clientMsgId == null) {
            throw new IllegalArgumentException("an entry needs an id or a clientMsgId");
        }
        if (status == null || from == null || body == null) {
            throw new IllegalArgumentException("status, from and body are required");
        }
    }

    /** The local echo of a send: no seq, no id, status pending. */
    public static TranscriptEntry pending(String clientMsgId, String from, String body, String replyTo) {
        return new TranscriptEntry(0, null, clientMsgId, from, body, replyTo, MessageStatus.PENDING);
    }

    /** A committed message with the given status. */
    public static TranscriptEntry committed(Message message, MessageStatus status) {
        return new TranscriptEntry(message.seq(), message.id(), message.clientMsgId(), message.from(),
                message.body(), message.replyTo(), status);
    }

    /**
     * The key a transcript finds the entry by: the server id once known, else the client
     * message id.
     */
    public String key() {
        return id != null ? id : clientMsgId;
    }

    /** Whether the server committed it (it has a seq and an id). */
    public boolean isCommitted() {
        return id != null && seq > 0;
    }

    /** The same entry with another status. */
    public TranscriptEntry withStatus(MessageStatus newStatus) {
        return newStatus == status ? this
                : new TranscriptEntry(seq, id, clientMsgId, from, body, replyTo, newStatus);
    }

    /** The same entry, now committed at {@code seq} under {@code id}. */
    public TranscriptEntry withCommit(long newSeq, String newId, MessageStatus newStatus) {
        return new TranscriptEntry(newSeq, newId, clientMsgId, from, body, replyTo, newStatus);
    }
}
