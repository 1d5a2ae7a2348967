package dev.livetalk.metrics.audit;

/**
 * One intended latency sample from the ledger, in microseconds: phased by {@code phaseAtUs}
 * (the intended time), {@code correctedUs} from the intended start and {@code rawUs} from the
 * actual one; both {@code null} when it never happened.
 *
 * <p>Immutable; any thread.
 */
record LatencySample(long phaseAtUs, Long correctedUs, Long rawUs) {

    /** A sample intended at {@code intendedUs}, handed at {@code handedUs}, done at {@code doneUs} (or never: {@code null}). */
    static LatencySample between(long intendedUs, long handedUs, Long doneUs) {
        return doneUs == null ? new LatencySample(intendedUs, null, null)
                : new LatencySample(intendedUs, doneUs - intendedUs, doneUs - handedUs);
    }
}
