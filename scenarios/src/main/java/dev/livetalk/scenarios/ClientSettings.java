package dev.livetalk.scenarios;

import java.util.OptionalInt;

/**
 * What a scenario asks of every client (its {@code clients:} block): how many lines each
 * room's transcript keeps. With a limit, older committed lines scroll away over the top of the
 * window, as a real client lets old history go, so an hour-long run holds bounded transcripts;
 * the measurement still counts them as displayed (docs/METRICS.md, "Transcript limit").
 *
 * <p>Immutable; any thread.
 *
 * @param transcriptLimit lines each client keeps per room, or empty: every line (the default)
 */
public record ClientSettings(OptionalInt transcriptLimit) {
    /** Clients as they ship: every line kept. */
    public static final ClientSettings DEFAULTS = new ClientSettings(OptionalInt.empty());

    public ClientSettings {
        if (transcriptLimit == null) {
            transcriptLimit = OptionalInt.empty();
        }
        if (transcriptLimit.isPresent() && transcriptLimit.getAsInt() < 1) {
            throw new IllegalArgumentException("transcript-limit must be a whole number >= 1 (lines per room): "
                    + transcriptLimit.getAsInt());
        }
    }
}
