package dev.livetalk.scenarios;

import java.util.OptionalInt;

/**
 * What a scenario asks of the reference server (its {@code server:} block): how many messages
 * it keeps per room, and how many client message ids per user it remembers the acks of. A small
 * retention makes a resume from an old position reach {@code history-truncated}; a small dedupe
 * window bounds the server's memory but commits a resend older than the window again. Empty
 * values leave the server's own default.
 *
 * <p>Immutable; any thread.
 *
 * @param historyLimit messages the server keeps per room (older ones are dropped), or empty for
 *                     the server's default (10,000)
 * @param dedupeWindow client message ids per user whose acks the server remembers, so a resend
 *                     of one gets its original ack (an older resend is committed again), or
 *                     empty for the server's default (10,000)
 */
public record ServerSettings(OptionalInt historyLimit, OptionalInt dedupeWindow) {
    /** The server as it ships: nothing asked. */
    public static final ServerSettings DEFAULTS = new ServerSettings(OptionalInt.empty(), OptionalInt.empty());

    public ServerSettings {
        historyLimit = atLeastOne("history-limit", historyLimit);
        dedupeWindow = atLeastOne("dedupe-window", dedupeWindow);
    }

    private static OptionalInt atLeastOne(String key, OptionalInt value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(key + " must be a whole number >= 1: " + value.getAsInt());
        }
        return value;
    }
}
