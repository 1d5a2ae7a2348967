package dev.livetalk.protocol;

/** The stable error codes of {@link ErrorEvent}; see docs/PROTOCOL.md. */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    MALFORMED_JSON("malformed-json", false),
    /** The frame's bytes are not valid UTF-8. */
    INVALID_UTF8("invalid-utf8", false),
    /** A binary frame; the protocol speaks text frames only. */
    BINARY_FRAME("binary-frame", false),
    /** The frame is longer than the server's frame limit. */
    FRAME_TOO_LARGE("frame-too-large", false),
    /** The {@code type} is not one of this direction's events. */
    UNKNOWN_TYPE("unknown-type", false),
    /** A required field is absent. */
    MISSING_FIELD("missing-field", false),
    /** A field has the wrong JSON type or breaks its rule, or is not part of the event. */
    INVALID_FIELD("invalid-field", false),
    /** The message body is longer than the server's body limit. */
    BODY_TOO_LARGE("body-too-large", false),
    /** The hello's version is not one the server speaks; the connection is closed. */
    UNSUPPORTED_VERSION("unsupported-version", true),
    /** The hello's token does not prove the user; the connection is closed. */
    UNAUTHENTICATED("unauthenticated", true),
    /**
     * Anything but a hello as first frame (a rejected frame too), no hello within the hello
     * deadline, or a second hello; the connection is closed.
     */
    HELLO_REQUIRED("hello-required", true),
    /** The room was not joined by this connection. */
    NOT_MEMBER("not-member", false),
    /** The room is private and the user is not on its allow-list. */
    FORBIDDEN("forbidden", false),
    /** Too many events or bytes per second from this user (all its connections); the frame was dropped. */
    RATE_LIMITED("rate-limited", false),
    /** Rejected events kept coming from this user (all its connections); the connection is closed. */
    ABUSE("abuse", true),
    /** The connection was silent longer than the idle timeout; it is closed. */
    IDLE_TIMEOUT("idle-timeout", true),
    /** The server holds as many connections as it takes, in total or for this user; the connection is closed. */
    TOO_MANY_CONNECTIONS("too-many-connections", true),
    /** The join would create a room beyond the server's room cap; nothing was joined. */
    TOO_MANY_ROOMS("too-many-rooms", false),
    /** The user already committed this client message id in another room; the send was dropped. */
    CLIENT_MSG_ID_REUSED("client-msg-id-reused", false);

    private final String wireName;
    private final boolean closesConnection;

    ErrorCode(String wireName, boolean closesConnection) {
        this.wireName = wireName;
        this.closesConnection = closesConnection;
    }

    /** The code used on the wire. */
    public String wireName() {
        return wireName;
    }

    /** Whether the server closes the connection after sending this error. */
    public boolean closesConnection() {
        return closesConnection;
    }

    /** The code with that wire name, or {@code null}. */
    public static ErrorCode fromWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        return null;
    }
}
