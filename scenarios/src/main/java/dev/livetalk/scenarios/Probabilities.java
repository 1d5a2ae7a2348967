package dev.livetalk.scenarios;

/**
 * The rule for probabilities and shares in scenario files: a number in (0, 1].
 *
 * <p>Stateless; any thread.
 */
public final class Probabilities {
    private Probabilities() {
    }

    public static void require(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within (0, 1]: " + value);
        }
    }
}
