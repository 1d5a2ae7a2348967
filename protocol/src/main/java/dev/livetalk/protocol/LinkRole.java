package dev.livetalk.protocol;

/** What a connection of a session is for. Immutable. */
public enum LinkRole {
    /** The only connection of a session that is not split: sends and receives. */
    MAIN(true, true),
    /** Split mode: the connection that sends (hello, join, send, ack). */
    SEND(true, false),
    /** Split mode: the connection that receives (hello with resume, join, messages, receipts). */
    RECEIVE(false, true);

    private final boolean sends;
    private final boolean receives;

    LinkRole(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** Whether sends and their acks go over this connection. */
    public boolean sends() {
        return sends;
    }

    /** Whether messages, history and receipts are taken from this connection. */
    public boolean receives() {
        return receives;
    }
}
