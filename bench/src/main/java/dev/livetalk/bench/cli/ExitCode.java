package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Verdict;

/**
 * The exit codes of the {@code livetalk} command line, the contract CI pipelines rely on; each
 * with what it means for a run (README's table, {@code livetalk --help} and {@code run --help}).
 * A run's code follows its {@link Verdict}. What each command's help lists, in what a code means
 * for that command: {@link ExitCodeLists}.
 */
public enum ExitCode {
    /** Every budget holds and nothing regressed. */
    OK(0, "pass: every budget holds and nothing regressed against --baseline"),
    /** The harness itself failed: no Toxiproxy, a crash. */
    HARNESS_FAILURE(1, "the harness itself failed (no Toxiproxy, a crash, a strategy that threw), or with --strict its"
            + " own scheduling lag made a run untrustworthy, or the --otlp file could not be written (everything else is)"),
    /** Invalid input: arguments, a scenario file. */
    INVALID_INPUT(2, "invalid input (arguments, a scenario file)"),
    /** {@code livetalk audit}: a figure of results.json differs from its recount from the ledger. */
    AUDIT_DIFFERS(3, "audit: a figure of results.json differs from its recount from the ledger"),
    /** The harness's heap was nearly full: the run stopped early, measured what it had and wrote the report. */
    HEAP_EXHAUSTED(4, "stopped early: the harness's heap passed 90% of its maximum after a collection; what ran is"
            + " measured and reported (a longer soak needs more heap, LIVETALK_JAVA_OPTS=-Xmx..., or fewer clients)"),
    /** A scenario has budgets and none applies to a strategy the run played: nothing of it was judged. */
    NOT_JUDGED(5, "not judged: a scenario has budgets and none applies to a strategy the run played (--strategies"
            + " named others); what ran is measured and reported, the budgets listed as not judged"),
    /** A budget failed or a figure regressed against the baseline (k6's code); invariants do not gate. */
    BUDGET_FAILED(99, "a budget failed or a figure regressed against --baseline, or a strategy against its @baseline"
            + " version (correctness invariants are reported, not gated: write one as a budget to gate it)"),
    /** Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
    INTERRUPTED_SIGINT(130, "interrupted by SIGINT (Ctrl-C), or report of a run that was; the finished scenarios'"
            + " results are written"),
    /** Interrupted by SIGTERM: 128 + 15. */
    INTERRUPTED_SIGTERM(143, "interrupted by SIGTERM, or report of a run that was; the finished scenarios' results"
            + " are written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, for {@code --help} and the README. */
    public String meaning() {
        return meaning;
    }

    /** The code of a verdict: 0 pass, 99 fail, 5 not judged, and for a stopped run the code of why it stopped. */
    public static ExitCode of(Verdict verdict) {
        return verdict.outcome() == Verdict.Outcome.STOPPED ? of(verdict.stop().orElseThrow().cause())
                : of(verdict.outcome());
    }

    /**
     * The code of an outcome but {@code STOPPED} (whose code is that of its cause): 0 pass, 99 fail,
     * 5 not judged, 1 untrusted; a seed sweep's as a run's.
     */
    public static ExitCode of(Verdict.Outcome outcome) {
        return switch (outcome) {
            case PASS -> OK;
            case FAIL -> BUDGET_FAILED;
            case STOPPED -> throw new IllegalArgumentException("a stopped run's code is that of its cause");
            case UNTRUSTED -> HARNESS_FAILURE;
            case NOT_JUDGED -> NOT_JUDGED;
        };
    }

    /** The code of a run stopped by {@code cause}. */
    public static ExitCode of(RunStop.Cause cause) {
        return switch (cause) {
            case SIGINT -> INTERRUPTED_SIGINT;
            case SIGTERM -> INTERRUPTED_SIGTERM;
            case HARNESS_FAILURE -> HARNESS_FAILURE;
            case HEAP_EXHAUSTED -> HEAP_EXHAUSTED;
        };
    }
}
