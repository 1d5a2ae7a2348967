package dev.livetalk.scenarios.budget;

import java.util.Arrays;
import java.util.Optional;

/**
 * The comparator of a budget expression: the observed figure on the left, the threshold on
 * the right ({@code peer-final p(99) < 800ms} holds when p99 is below 800 ms).
 *
 * <p>Immutable; any thread.
 */
public enum Comparison {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code observed <symbol> limit} holds. */
    public boolean holds(double observed, double limit) {
        return switch (this) {
            case LESS -> observed < limit;
            case LESS_OR_EQUAL -> observed <= limit;
            case GREATER -> observed > limit;
            case GREATER_OR_EQUAL -> observed >= limit;
            case EQUAL -> observed == limit;
            case NOT_EQUAL -> observed != limit;
        };
    }

    public static Optional<Comparison> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }
}
