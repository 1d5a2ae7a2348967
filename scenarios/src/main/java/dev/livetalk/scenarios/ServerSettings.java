package dev.livetalk.scenarios;

import java.util.OptionalInt;

/**
 * What a scenario asks of the reference server (its {@code server:} block): how many messages
 * it keeps per room. A small retention makes a resume from an old position reach
 * {@code history-truncated}. Empty values leave the server's own default.
 *
 * <p>Immutable; any thread.
 *
 * @param historyLimit messages the server keeps per room (older ones are dropped), or empty for
 *                     the server's default (10,000)
 */
public record ServerSettings(OptionalInt historyLimit) {
    /** The server as it ships: nothing asked. */
    public static final ServerSettings DEFAULTS = new ServerSettings(OptionalInt.empty());

    public ServerSettings {
        if (historyLimit == null) {
            historyLimit = OptionalInt.empty();
        }
        if (historyLimit.isPresent() && historyLimit.getAsInt() < 1) {
            throw new IllegalArgumentException("history-limit must be a whole number >= 1: " + historyLimit.getAsInt());
        }
    }
}
