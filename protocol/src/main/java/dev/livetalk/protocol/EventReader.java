package dev.livetalk.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Turns one JSON object into the event its {@code type} and direction name. */
final class EventReader {
    private static final String CLIENT_TYPES = "hello, join, leave, send, history, read, ping, pong";
    private static final String SERVER_TYPES =
            "welcome, joined, ack, message, history, receipt, ping, pong, error";

    private EventReader() {
    }

    static Event read(FrameObject node, EventCodec.Direction direction, CodecLimits limits) {
        int typeIndex = node.ask("type");
        if (typeIndex < 0 || node.isNull(typeIndex)) {
            throw new FieldReader.FrameException(ErrorCode.MISSING_FIELD, "every event needs field type");
        }
        if (!node.isString(typeIndex)) {
            throw new FieldReader.FrameException(ErrorCode.INVALID_FIELD, "type must be a string: " + node.render(typeIndex));
        }
        String type = node.string(typeIndex);
        FieldReader fields = new FieldReader(node, type);
        Event event = direction == EventCodec.Direction.CLIENT_TO_SERVER
                ? readClient(type, fields, limits)
                : readServer(type, fields, limits);
        fields.finish();
        return event;
    }

    private static ClientEvent readClient(String type, FieldReader f, CodecLimits limits) {
        return switch (type) {
            case "hello" -> new Hello(f.requiredString("user"), f.requiredString("token"),
                    f.requiredInt("version"), f.optionalString("epoch"),
                    f.optionalMap("resume", EventReader::seqValue, "must be an integer >= 0"));
            case "join" -> new Join(f.requiredString("room"));
            case "leave" -> new Leave(f.requiredString("room"));
            case "send" -> new Send(f.requiredString("room"), f.requiredString("clientMsgId"),
                    body(f, limits), f.optionalString("replyTo"));
            case "history" -> new HistoryRequest(f.requiredString("room"), f.requiredLong("fromSeq"),
                    f.optionalLong("toSeq"), f.optionalInt("limit"));
            case "read" -> new Read(f.requiredString("room"), f.requiredLong("seq"),
                    f.optionalString("kind") == null ? ReceiptKind.READ
                            : f.requiredEnum("kind", ReceiptKind::fromWireName, "delivered, read"));
            case "ping" -> new Ping(f.requiredLong("t"));
            case "pong" -> new Pong(f.requiredLong("t"));
            default -> throw unknownType(type, CLIENT_TYPES);
        };
    }

    private static ServerEvent readServer(String type, FieldReader f, CodecLimits limits) {
        return switch (type) {
            case "welcome" -> new Welcome(f.requiredString("session"), f.requiredString("epoch"),
                    f.optionalMap("rooms", EventReader::seqValue, "must be an integer >= 0"),
                    f.optionalMap("resume", EventReader::resumeValue,
                            "must be one of resumed, epoch-changed, history-truncated, forbidden"));
            case "joined" -> new Joined(f.requiredString("room"), f.requiredLong("headSeq"));
            case "ack" -> new Ack(f.requiredString("room"), f.requiredString("clientMsgId"),
                    f.requiredLong("seq"), f.requiredString("id"));
            case "message" -> message(f, limits);
            case "history" -> historyReply(f, limits);
            case "receipt" -> new Receipt(f.requiredString("room"), f.requiredString("user"),
                    f.requiredEnum("kind", ReceiptKind::fromWireName, "delivered, read"), f.requiredLong("seq"));
            case "ping" -> new Ping(f.requiredLong("t"));
            case "pong" -> new Pong(f.requiredLong("t"));
            case "error" -> new ErrorEvent(
                    f.requiredEnum("code", ErrorCode::fromWireName, "a code of docs/PROTOCOL.md"),
                    f.requiredString("message"), f.optionalString("ref"));
            default -> throw unknownType(type, SERVER_TYPES);
        };
    }

    private static Message message(FieldReader f, CodecLimits limits) {
        return new Message(f.requiredString("room"), f.requiredLong("seq"), f.requiredString("id"),
                f.requiredString("clientMsgId"), f.requiredString("from"), body(f, limits),
                f.optionalString("replyTo"), f.requiredLong("serverTime"));
    }

    private static HistoryReply historyReply(FieldReader f, CodecLimits limits) {
        String room = f.requiredString("room");
        List<JsonNode> items = f.requiredArray("messages");
        List<Message> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!(item instanceof ObjectNode object)) {
                throw new FieldReader.FrameException(ErrorCode.INVALID_FIELD,
                        "messages[" + i + "] must be a message object: " + item.getNodeType());
            }
            Event event = item(i, object, limits);
            if (!(event instanceof Message message)) {
                throw new FieldReader.FrameException(ErrorCode.INVALID_FIELD,
                        "messages[" + i + "] must be of type message: " + event.type());
            }
            messages.add(message);
        }
        return new HistoryReply(room, messages, f.requiredLong("headSeq"), f.requiredLong("firstSeq"));
    }

    /** Reads one element of a history reply, naming its index in any complaint. */
    private static Event item(int index, ObjectNode object, CodecLimits limits) {
        try {
            return read(FrameObject.of(object), EventCodec.Direction.SERVER_TO_CLIENT, limits);
        } catch (FieldReader.FrameException e) {
            throw new FieldReader.FrameException(e.code(), "messages[" + index + "]: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new FieldReader.FrameException(ErrorCode.INVALID_FIELD, "messages[" + index + "]: " + e.getMessage());
        }
    }

    private static String body(FieldReader f, CodecLimits limits) {
        String body = f.requiredString("body");
        if (body.length() > limits.maxBodyChars()) {
            throw new FieldReader.FrameException(ErrorCode.BODY_TOO_LARGE,
                    "body must be at most " + limits.maxBodyChars() + " characters: " + body.length());
        }
        return body;
    }

    private static Long seqValue(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                ? value.longValue() : null;
    }

    private static ResumeStatus resumeValue(JsonNode value) {
        return value.isTextual() ? ResumeStatus.fromWireName(value.textValue()) : null;
    }

    private static FieldReader.FrameException unknownType(String type, String known) {
        String shown = type.length() > 32 ? type.substring(0, 32) + "..." : type;
        return new FieldReader.FrameException(ErrorCode.UNKNOWN_TYPE,
                "type must be one of " + known + ": \"" + shown + "\"");
    }

}
