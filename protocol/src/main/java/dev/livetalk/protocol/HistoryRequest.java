package dev.livetalk.protocol;

/**
 * Ask for committed messages of a room, from {@code fromSeq} up to {@code toSeq} inclusive,
 * or at most {@code limit} of them. Exactly one of {@code toSeq} and {@code limit} is set.
 *
 * @param room    the room, which the connection must have joined
 * @param fromSeq the first seq wanted, at least 1
 * @param toSeq   the last seq wanted, or {@code null}
 * @param limit   how many at most, or {@code null}
 */
public record HistoryRequest(String room, long fromSeq, Long toSeq, Integer limit) implements ClientEvent {
    public HistoryRequest {
        Names.room("room", room);
        Names.positiveSeq("fromSeq", fromSeq);
        if ((toSeq == null) == (limit == null)) {
            throw new IllegalArgumentException("exactly one of toSeq and limit must be given");
        }
        if (toSeq != null && toSeq < fromSeq) {
            throw new IllegalArgumentException("toSeq must be >= fromSeq (" + fromSeq + "): " + toSeq);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
    }

    /** A request for the range {@code fromSeq..toSeq}. */
    public static HistoryRequest range(String room, long fromSeq, long toSeq) {
        return new HistoryRequest(room, fromSeq, toSeq, null);
    }

    /** A request for at most {@code limit} messages from {@code fromSeq}. */
    public static HistoryRequest limited(String room, long fromSeq, int limit) {
        return new HistoryRequest(room, fromSeq, null, limit);
    }

    @Override
    public String type() {
        return "history";
    }
}
