package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where and how a run ran: the Toxiproxy version ({@code null} without Toxiproxy), the JVM, the
 * machine's cores, the latency the harness adds on it ({@link Calibration}), and how it was
 * started ({@link Invocation}: when, the tool's version, the git commit, the command line).
 *
 * <p>Immutable; any thread.
 *
 * @param calibration the harness's own latency and noise floor; a document written without
 *                    one reads as {@link Calibration#NOT_MEASURED}
 * @param startedAt   see {@link Invocation#startedAt()}; {@code null} (absent from the JSON) when not recorded
 * @param toolVersion see {@link Invocation#toolVersion()}
 * @param gitCommit   see {@link Invocation#gitCommit()}
 * @param gitDirty    see {@link Invocation#gitDirty()}
 * @param commandLine see {@link Invocation#commandLine()}
 */
public record Environment(String toxiproxyVersion, String jvm, int cores, Calibration calibration,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String startedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String toolVersion,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String gitCommit,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean gitDirty,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String commandLine) {
    public Environment {
        calibration = calibration == null ? Calibration.NOT_MEASURED : calibration;
        new Invocation(startedAt, toolVersion, gitCommit, gitDirty, commandLine); // checks startedAt
    }

    /** An environment with a calibration and no {@link Invocation} recorded. */
    public Environment(String toxiproxyVersion, String jvm, int cores, Calibration calibration) {
        this(toxiproxyVersion, jvm, cores, calibration, null, null, null, null, null);
    }

    /** An environment without a calibration ({@link Calibration#NOT_MEASURED}). */
    public Environment(String toxiproxyVersion, String jvm, int cores) {
        this(toxiproxyVersion, jvm, cores, Calibration.NOT_MEASURED);
    }

    /**
     * The environment of a run on this machine: this JVM and its cores, with the network's
     * Toxiproxy version ({@code null} where none plays) and the harness's calibration.
     */
    public static Environment here(String toxiproxyVersion, Calibration calibration) {
        return new Environment(toxiproxyVersion, System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors(), calibration);
    }

    /** The same environment with {@code other} as its calibration. */
    public Environment withCalibration(Calibration other) {
        return new Environment(toxiproxyVersion, jvm, cores, other, startedAt, toolVersion, gitCommit, gitDirty,
                commandLine);
    }

    /** How the run was started; {@link Invocation#NOT_RECORDED} for a document written without it. */
    @JsonIgnore
    public Invocation invocation() {
        return new Invocation(startedAt, toolVersion, gitCommit, gitDirty, commandLine);
    }

    /** The same environment with {@code how} as the way the run was started. */
    public Environment withInvocation(Invocation how) {
        return new Environment(toxiproxyVersion, jvm, cores, calibration, how.startedAt(), how.toolVersion(),
                how.gitCommit(), how.gitDirty(), how.commandLine());
    }
}
