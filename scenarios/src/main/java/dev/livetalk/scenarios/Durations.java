package dev.livetalk.scenarios;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a decimal number and a unit, {@code 500ms},
 * {@code 1.5s}, {@code 1m} (units {@code ns us ms s m h}), and back.
 *
 * <p>Stateless; any thread.
 */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)([a-z]+)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final String[] FORMAT_UNITS = {"h", "m", "s", "ms", "us", "ns"};

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 5s}, {@code 1m}.
     *
     * @throws IllegalArgumentException naming the text and the rule
     */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a duration is a number and a unit (ns, us, ms, s, m, h) such as 500ms or 5s: " + text);
        }
        Long unit = NANOS_PER_UNIT.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException(
                    "unknown duration unit '" + m.group(2) + "' (ns, us, ms, s, m, h): " + text);
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (nanos.signum() < 0) {
            throw new IllegalArgumentException("a duration cannot be negative: " + text);
        }
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("a duration must be a whole number of nanoseconds: " + text);
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("a duration must be at most 292 years (2^63-1 ns): " + text);
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Writes a duration the way {@link #parse} reads it, in the largest exact unit. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        for (String unit : FORMAT_UNITS) {
            long per = NANOS_PER_UNIT.get(unit);
            if (nanos % per == 0) {
                return nanos / per + unit;
            }
        }
        return nanos + "ns";
    }

    public static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration >= 0: " + value);
        }
    }

    public static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a duration > 0: " + value);
        }
    }
}
