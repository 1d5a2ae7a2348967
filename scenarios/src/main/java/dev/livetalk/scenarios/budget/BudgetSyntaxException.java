package dev.livetalk.scenarios.budget;

/**
 * A budget expression that does not parse, with the character offset of the offending token
 * so the validator can point at it.
 *
 * <p>Immutable; any thread.
 */
public final class BudgetSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public BudgetSyntaxException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** The 0-based offset in the expression where the problem starts. */
    public int offset() {
        return offset;
    }
}
