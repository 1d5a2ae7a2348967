package dev.livetalk.protocol;

/**
 * The server refused a frame or a request.
 *
 * @param code    the stable error code
 * @param message what was wrong: the field, the value and the rule
 * @param ref     the offending clientMsgId, else the offending type, or {@code null}
 */
public record ErrorEvent(ErrorCode code, String message, String ref) implements ServerEvent {
    public ErrorEvent {
        Names.requireNonNull("code", code);
        Names.requireNonNull("message", message);
    }

    @Override
    public String type() {
        return "error";
    }
}
