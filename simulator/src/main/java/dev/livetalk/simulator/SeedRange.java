package dev.livetalk.simulator;

import java.util.stream.LongStream;

/**
 * The seeds of a sweep, {@code first..last} inclusive; written {@code 1..1000} on the command line.
 *
 * <p>Immutable; any thread.
 */
public record SeedRange(long first, long last) {
    public SeedRange {
        if (last < first) {
            throw new IllegalArgumentException("a seed range must not be empty: " + first + ".." + last);
        }
        if (last - first + 1 <= 0) { // the count overflows a long: only the whole range of longs and nearly it
            throw new IllegalArgumentException("a seed range holds at most " + Long.MAX_VALUE + " seeds: " + first + ".." + last);
        }
    }

    /** Reads {@code A..B} (or a single seed {@code A}). */
    public static SeedRange parse(String text) {
        String t = text == null ? "" : text.trim();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                long seed = Long.parseLong(t);
                return new SeedRange(seed, seed);
            }
            return new SeedRange(Long.parseLong(t.substring(0, dots).trim()), Long.parseLong(t.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seeds must be FIRST..LAST with whole numbers, like 1..1000: '" + t + "'", e);
        }
    }

    public long count() {
        return last - first + 1;
    }

    public LongStream seeds() {
        return LongStream.rangeClosed(first, last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
