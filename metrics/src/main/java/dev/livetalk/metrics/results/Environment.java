package dev.livetalk.metrics.results;

/**
 * Where a run ran: the Toxiproxy version ({@code null} without Toxiproxy), the JVM, the
 * machine's cores, and the latency the harness adds on it ({@link Calibration}).
 *
 * <p>Immutable; any thread.
 *
 * @param calibration the harness's own latency and noise floor; a document written without
 *                    one reads as {@link Calibration#NOT_MEASURED}
 */
public record Environment(String toxiproxyVersion, String jvm, int cores, Calibration calibration) {
    public Environment {
        calibration = calibration == null ? Calibration.NOT_MEASURED : calibration;
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
        return new Environment(toxiproxyVersion, jvm, cores, other);
    }
}
