package dev.livetalk.scenarios.budget;

/**
 * Which part of a run a latency budget looks at: every sample ({@link #ALL}), or those whose
 * intended send time fell before the first fault, during a fault window, or after one healed.
 *
 * <p>Immutable; any thread.
 */
public enum Phase {
    ALL("all"),
    BEFORE("before"),
    DURING("during"),
    AFTER("after");

    private final String expressionName;

    Phase(String expressionName) {
        this.expressionName = expressionName;
    }

    public String expressionName() {
        return expressionName;
    }
}
