package dev.livetalk.bench.cli;

/** The exit codes of the {@code livetalk} command line, the contract CI pipelines rely on. */
public enum ExitCode {
    /** Every budget holds. */
    OK(0),
    /** The harness itself failed: no Toxiproxy, a crash. */
    HARNESS_FAILURE(1),
    /** Invalid input: arguments, a scenario file. */
    INVALID_INPUT(2),
    /** A budget or a correctness check failed (k6's code). */
    BUDGET_FAILED(99);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
