package dev.livetalk.metrics.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * One latency metric's intended samples, counted by phase (each sample's own, by its intended
 * time): per phase the never count and the exact {@link ExactCounts} of the corrected and raw
 * latencies (nanoseconds, at least 0) of the samples that came. What {@link LatencyChecks} reads;
 * its memory grows with the distinct latencies, not with the samples.
 *
 * <p>Not thread-safe: one thread adds, then reads.
 */
final class LatencyTally {
    /** The phases a sample can have (docs/METRICS.md, "Phase"). */
    static final List<String> PHASES = List.of("before", "during", "after");
    private final Map<String, Phase> phases = new LinkedHashMap<>();

    /** One phase's samples. */
    static final class Phase {
        final ExactCounts corrected = new ExactCounts();
        final ExactCounts raw = new ExactCounts();
        long never;

        void addAll(Phase other) {
            corrected.addAll(other.corrected);
            raw.addAll(other.raw);
            never += other.never;
        }
    }

    LatencyTally() {
        PHASES.forEach(p -> phases.put(p, new Phase()));
    }

    /** The tally of {@code samples}, phased by {@code phaseOf}. */
    static LatencyTally of(Iterable<LatencySample> samples, LongFunction<String> phaseOf) {
        LatencyTally tally = new LatencyTally();
        samples.forEach(s -> tally.add(s, phaseOf));
        return tally;
    }

    void add(LatencySample sample, LongFunction<String> phaseOf) {
        Phase phase = phases.get(phaseOf.apply(sample.phaseAtUs()));
        if (sample.correctedUs() == null) {
            phase.never++;
        } else {
            phase.corrected.add(Math.max(0, sample.correctedUs() * 1_000L));
            phase.raw.add(Math.max(0, sample.rawUs() * 1_000L));
        }
    }

    /** Adds every sample of {@code other}. */
    void addAll(LatencyTally other) {
        phases.forEach((name, phase) -> phase.addAll(other.phases.get(name)));
    }

    /** The samples of {@code phase}, or of every phase ({@code all}). */
    Phase phase(String phase) {
        if (!phase.equals("all")) {
            return phases.get(phase);
        }
        Phase all = new Phase();
        phases.values().forEach(all::addAll);
        return all;
    }
}
