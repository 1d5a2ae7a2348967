package dev.livetalk.network.toxiproxy;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the {@link ToxicSpec} records; stateless. */
final class Checks {
    private Checks() {
    }

    static void notNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0 ms: " + value.toMillis() + " ms");
        }
    }

    static void notNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0: " + value);
        }
    }
}
