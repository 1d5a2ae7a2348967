package dev.livetalk.simulator;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-way delay of a simulated link, drawn per frame: constant, uniform, normal
 * (truncated at 0) or Pareto (heavy-tailed: most frames fast, a few very slow, which is what
 * users of a mobile chat feel). Written as text for the command line and settings:
 * {@code constant 2ms}, {@code uniform 1ms..5ms}, {@code normal 20ms sd 5ms},
 * {@code pareto 5ms alpha 1.5} (scale, shape), see {@link #parse}.
 *
 * <p>Immutable; any thread. {@link #sample} uses the caller's random source only.
 */
public sealed interface LatencyDistribution {
    /** Draws of a Pareto distribution are cut here, so one unlucky frame cannot stall a run for hours. */
    long PARETO_CAP_NANOS = Duration.ofSeconds(30).toNanos();

    /** One delay in nanoseconds, {@code >= 0}. */
    long sample(SplittableRandom random);

    /** Always the same delay. */
    record Constant(Duration delay) implements LatencyDistribution {
        public Constant {
            requireNonNegative("delay", delay);
        }

        @Override
        public long sample(SplittableRandom random) {
            return delay.toNanos();
        }

        @Override
        public String toString() {
            return "constant " + text(delay);
        }
    }

    /** Uniform in {@code [min, max]}. */
    record Uniform(Duration min, Duration max) implements LatencyDistribution {
        public Uniform {
            requireNonNegative("min", min);
            requireNonNegative("max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform latency: max must be >= min (" + text(min) + "): " + text(max));
            }
        }

        @Override
        public long sample(SplittableRandom random) {
            long lo = min.toNanos();
            long hi = max.toNanos();
            return hi == lo ? lo : random.nextLong(lo, hi + 1);
        }

        @Override
        public String toString() {
            return "uniform " + text(min) + ".." + text(max);
        }
    }

    /** Normal with {@code mean} and standard deviation {@code sd}; negative draws become 0. */
    record Normal(Duration mean, Duration sd) implements LatencyDistribution {
        public Normal {
            requireNonNegative("mean", mean);
            requireNonNegative("sd", sd);
        }

        @Override
        public long sample(SplittableRandom random) {
            return Math.max(0, Math.round(mean.toNanos() + random.nextGaussian() * sd.toNanos()));
        }

        @Override
        public String toString() {
            return "normal " + text(mean) + " sd " + text(sd);
        }
    }

    /**
     * Pareto with minimum {@code scale} and shape {@code alpha} ({@code > 0}; the mean is finite
     * for alpha > 1), cut at {@link #PARETO_CAP_NANOS}.
     */
    record Pareto(Duration scale, double alpha) implements LatencyDistribution {
        public Pareto {
            requireNonNegative("scale", scale);
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("pareto latency: alpha must be > 0: " + alpha);
            }
        }

        @Override
        public long sample(SplittableRandom random) {
            double draw = scale.toNanos() * Math.pow(1.0 - random.nextDouble(), -1.0 / alpha);
            return (long) Math.min(PARETO_CAP_NANOS, draw);
        }

        @Override
        public String toString() {
            return "pareto " + text(scale) + " alpha " + alpha;
        }
    }

    /**
     * Reads {@code constant D}, {@code uniform D..D}, {@code normal D sd D} or
     * {@code pareto D alpha X}; durations as in scenario files ({@code 500us}, {@code 2ms}, {@code 1.5s}).
     */
    static LatencyDistribution parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m;
        if ((m = Forms.CONSTANT.matcher(t)).matches()) {
            return new Constant(duration(m.group(1)));
        }
        if ((m = Forms.UNIFORM.matcher(t)).matches()) {
            return new Uniform(duration(m.group(1)), duration(m.group(2)));
        }
        if ((m = Forms.NORMAL.matcher(t)).matches()) {
            return new Normal(duration(m.group(1)), duration(m.group(2)));
        }
        if ((m = Forms.PARETO.matcher(t)).matches()) {
            return new Pareto(duration(m.group(1)), Double.parseDouble(m.group(2)));
        }
        throw new IllegalArgumentException("latency must be 'constant D', 'uniform D..D', 'normal D sd D' or "
                + "'pareto D alpha X' with durations like 2ms: '" + t + "'");
    }

    private static Duration duration(String text) {
        Matcher m = Forms.DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("latency duration must be a number and a unit (ns us ms s): " + text);
        }
        double value = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("latency " + name + " must be >= 0: " + value);
        }
    }

    private static String text(Duration value) {
        long nanos = value.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
    }

    /** The text forms {@link #parse} reads. */
    final class Forms {
        private static final String D = "(\\d+(?:\\.\\d+)?(?:ns|us|ms|s))";
        static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s)");
        static final Pattern CONSTANT = Pattern.compile("constant\\s+" + D);
        static final Pattern UNIFORM = Pattern.compile("uniform\\s+" + D + "\\s*\\.\\.\\s*" + D);
        static final Pattern NORMAL = Pattern.compile("normal\\s+" + D + "\\s+sd\\s+" + D);
        static final Pattern PARETO = Pattern.compile("pareto\\s+" + D + "\\s+alpha\\s+(\\d+(?:\\.\\d+)?)");

        private Forms() {
        }
    }
}
