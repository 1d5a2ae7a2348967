package dev.livetalk.metrics.results;

/**
 * One of {@code count} parts of a run's work, written {@code K/N} on the command line
 * ({@code --shard 2/4}), {@code index} counting from 1 as in other test runners' shard options.
 * The work of a run (scenarios x strategies, with {@code --seeds} scenarios x seeds x
 * strategies) is numbered in a fixed order from 0, and unit {@code u} belongs to shard
 * {@code u mod count + 1} ({@link #owns}): round robin, so that shards of a suite whose
 * scenarios take different times get a like share of each, and the split depends only on the
 * work, never on the machine or the time.
 *
 * <p>Immutable; any thread.
 *
 * @param index which part, 1..count
 * @param count how many parts, at least 1
 */
public record Shard(int index, int count) {
    /** The whole run, unsharded. */
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("a shard's count must be at least 1: " + index + "/" + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("a shard's index must be 1.." + count + " (it counts from 1; with"
                    + " Kubernetes' 0-based JOB_COMPLETION_INDEX write $((JOB_COMPLETION_INDEX + 1))/" + count
                    + "): " + index + "/" + count);
        }
    }

    /**
     * Reads {@code K/N}.
     *
     * @throws IllegalArgumentException naming the text and the rule
     */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a shard is K/N with whole numbers, 1 <= K <= N, like 2/4: '" + t + "'");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a shard is K/N with whole numbers, 1 <= K <= N, like 2/4: '" + t + "'", e);
        }
    }

    /** Whether unit {@code unit} (numbered from 0 in the run's fixed order) is this shard's. */
    public boolean owns(long unit) {
        if (unit < 0) {
            throw new IllegalArgumentException("work units are numbered from 0: " + unit);
        }
        return Math.floorMod(unit, (long) count) == index - 1;
    }

    /** How many of {@code units} units (numbered 0..units-1) are this shard's. */
    public long share(long units) {
        long whole = units / count;
        return whole + (units % count >= index ? 1 : 0);
    }

    /** Whether this is the whole run ({@code 1/1}). */
    public boolean whole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
