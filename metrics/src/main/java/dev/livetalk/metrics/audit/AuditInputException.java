package dev.livetalk.metrics.audit;

/**
 * A folder the audit cannot read: missing, without {@code results.json}, a strategy without its
 * ledger, a ledger of another run. The message names the value and the rule.
 */
public final class AuditInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditInputException(String message) {
        super(message);
    }

    public AuditInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
