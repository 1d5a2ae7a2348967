package dev.livetalk.bench.ceiling;

import dev.livetalk.scenarios.Load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link CeilingBenchmark} plays: the scale shape resized to each client count, for
 * {@code duration}, {@code repeat} rounds with the counts interleaved (every count once per
 * round, smallest first).
 *
 * @param shape    the scale scenario's shape
 * @param clients  the client counts, each at least {@link #MIN_CLIENTS} and at most {@link #MAX_CLIENTS}, none twice, none
 *                 whose load at the shape's rate is over {@link Load#MAX_TOTAL_RATE}; kept ascending
 * @param duration the measured load of each play, at least {@link #MIN_DURATION}, at most {@link #MAX_DURATION}
 * @param repeat   rounds, at least 1
 * @param strategy the strategy of every client
 * @param warmupPlays plays of the smallest count for {@link #MIN_DURATION} before the rounds, not counted (0..{@link #MAX_WARMUP_PLAYS})
 */
public record CeilingSettings(ScaleShape shape, List<Integer> clients, Duration duration, int repeat, String strategy,
                              int warmupPlays) {
    /** Fewest clients of a count: a room needs two to deliver anything. */
    public static final int MIN_CLIENTS = 2;
    /** Most clients of a count: each takes a proxy, three loopback ports and five file descriptors (benchmarks/README.md). */
    public static final int MAX_CLIENTS = 5_000;
    /**
     * Shortest play: the library's fault (at 20 s of 60 s, for 5 s) scales to a window of 500 ms,
     * and the load lasts at least five progress ticks, over which the CPU is taken.
     */
    public static final Duration MIN_DURATION = Duration.ofSeconds(6);
    /** Longest play, so that every load run stays bounded. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    /** Most rounds. */
    public static final int MAX_REPEAT = 100;
    /** Most warm-up plays. */
    public static final int MAX_WARMUP_PLAYS = 10;

    public CeilingSettings {
        if (shape == null || strategy == null || clients == null || duration == null) {
            throw new IllegalArgumentException("shape, clients, duration and strategy are required");
        }
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("--clients must name at least one client count");
        }
        Set<Integer> seen = new HashSet<>();
        for (int count : clients) {
            if (count < MIN_CLIENTS || count > MAX_CLIENTS) {
                throw new IllegalArgumentException("--clients: each count must be within " + MIN_CLIENTS + ".."
                        + MAX_CLIENTS + ": " + count);
            }
            if (!seen.add(count)) {
                throw new IllegalArgumentException("--clients: " + count + " is named twice");
            }
            if (!(shape.shape().load().totalRate(count) <= Load.MAX_TOTAL_RATE)) {
                throw new IllegalArgumentException("--clients: " + count + " clients at the shape's "
                        + shape.shape().load().ratePerSender() + " messages/s each would send " + String.format(
                        Locale.ROOT, "%.0f", shape.shape().load().totalRate(count)) + " messages/s in all; a scenario's"
                        + " load is at most " + (long) Load.MAX_TOTAL_RATE + " messages/s");
            }
        }
        List<Integer> sorted = new ArrayList<>(clients);
        sorted.sort(Integer::compare);
        clients = List.copyOf(sorted);
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration must be within " + MIN_DURATION.toSeconds() + "s.."
                    + MAX_DURATION.toMinutes() + "m (the shape's faults scale with it: over " + MIN_DURATION.toSeconds()
                    + " s the library's fault at 20 s for 5 s of 60 s lasts 500 ms): " + text(duration));
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("--repeat must be within 1.." + MAX_REPEAT + ": " + repeat);
        }
        if (warmupPlays < 0 || warmupPlays > MAX_WARMUP_PLAYS) {
            throw new IllegalArgumentException("--warmup-plays must be within 0.." + MAX_WARMUP_PLAYS + ": " + warmupPlays);
        }
    }

    /** {@code 20s}, {@code 500ms}: as the option is written. */
    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
