package dev.livetalk.run;

/**
 * The harness itself failed during a run (not the system under test): a client could not
 * connect, a fault could not be applied, the driver fell over. Exit code 1 at the command line.
 */
public final class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message);
    }
}
