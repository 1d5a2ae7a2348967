package dev.livetalk.bench.cli;

import dev.livetalk.metrics.gate.Tolerance;
import picocli.CommandLine.Option;

/** The baseline tolerances, shared by {@code run} and {@code report} as a picocli mixin. */
final class ToleranceOptions {
    @Option(names = "--latency-tolerance", defaultValue = "10", paramLabel = "PERCENT",
            description = "Practical threshold of a latency regression against the baseline, in percent (default ${DEFAULT-VALUE});"
                    + " the change must also be significant (block bootstrap over 1 s intervals) and above the floor.")
    double latencyPercent;

    @Option(names = "--count-tolerance", defaultValue = "0", paramLabel = "N",
            description = "Allowed increase of counts (lost, duplicates, ...) against the baseline (default ${DEFAULT-VALUE}); a"
                    + " larger increase regresses only when it is also beyond the count's own noise.")
    long count;

    /** The tolerance asked for; a negative, infinite or NaN one is a usage error naming the value. */
    Tolerance tolerance() {
        if (!(latencyPercent >= 0) || Double.isInfinite(latencyPercent)) {
            throw new UsageException("--latency-tolerance must be a finite number of percent >= 0: " + latencyPercent);
        }
        if (count < 0) {
            throw new UsageException("--count-tolerance must be >= 0: " + count);
        }
        return new Tolerance(latencyPercent / 100.0, Tolerance.DEFAULT.latencyFloorNanos(), count);
    }
}
