package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A figure's value as {@code results.json} writes it and as the audit recounts it: a count or
 * nanoseconds, a share, {@code "never"} (+infinity), or {@code null} (none).
 *
 * <p>Immutable; any thread.
 */
sealed interface Reading {
    /** An integral figure: a count, or nanoseconds. */
    record Whole(long value) implements Reading {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A fractional figure: a share or Kendall tau. */
    record Fraction(double value) implements Reading {
        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /**
     * A count the ledger cannot place exactly, between {@code low} and {@code high}: the samples
     * surely over a limit, and those that may be as the document shows them.
     */
    record Span(long low, long high) implements Reading {
        @Override
        public String toString() {
            return low + ".." + high;
        }
    }

    /**
     * Any of {@code readings}: the ledger cannot tell which one the document took. The checkers compare nanoseconds
     * and the ledger keeps microseconds, so where two times share a microsecond the ledger cannot tell their order:
     * the slowest client of a window among clients tied on the latest microsecond, a welcome in the microsecond of
     * a window's start or end or of a second of the reconnect peak.
     */
    record AnyOf(java.util.List<Reading> readings) implements Reading {
        public AnyOf {
            readings = java.util.List.copyOf(readings);
        }

        @Override
        public String toString() {
            return readings.size() == 1 ? readings.getFirst().toString() : "one of " + readings;
        }
    }

    /** Any of {@code readings} (in order, each once), or that one alone when they are all the same. */
    static Reading anyOf(java.util.List<Reading> readings) {
        java.util.List<Reading> distinct = readings.stream().distinct().toList();
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("a figure's readings must not be empty");
        }
        return distinct.size() == 1 ? distinct.getFirst() : new AnyOf(distinct);
    }

    /** A latency that never came: above every value. */
    record Never() implements Reading {
        @Override
        public String toString() {
            return "never";
        }
    }

    /** No value: a percentile over no sample, a time that never came where the document writes null. */
    record None() implements Reading {
        @Override
        public String toString() {
            return "null";
        }
    }

    /** The reading of a leaf of the results document. */
    static Reading of(JsonNode leaf) {
        if (leaf.isNull()) {
            return new None();
        }
        if (leaf.isTextual() && leaf.asText().equals("never")) {
            return new Never();
        }
        if (leaf.isIntegralNumber()) {
            return new Whole(leaf.longValue());
        }
        if (leaf.isNumber()) {
            return new Fraction(leaf.doubleValue());
        }
        throw new IllegalArgumentException("a figure must be a number, null or \"never\": " + leaf);
    }

    /** Microseconds of the ledger as nanoseconds, or none. */
    static Reading nanosOfMicros(Long micros) {
        return micros == null ? new None() : new Whole(micros * 1_000L);
    }
}
