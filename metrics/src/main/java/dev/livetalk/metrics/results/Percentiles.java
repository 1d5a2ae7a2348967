package dev.livetalk.metrics.results;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A latency distribution as the results document shows it, in nanoseconds (HdrHistogram's
 * highest equivalent values, 3 significant digits); all 0 without samples.
 *
 * <p>Over intended deliveries, {@code count} is every intended (operation, recipient) pair:
 * the completed ones in the histogram plus those that never came, which count as +infinity.
 * Percentile p is the value at rank {@code r = ceil(p/100 * count)} (at least 1): when
 * {@code r} is above the completed samples it is {@link #NEVER}, else the completed
 * histogram's value at rank {@code r}. So p99 is never once more than 1% never came, and the
 * max is never once one never came. {@code results.json} writes {@link #NEVER} as the string
 * {@code "never"}.
 *
 * <p>Immutable; any thread.
 */
public record Percentiles(long count,
                          @JsonSerialize(using = NanosJson.Writer.class) @JsonDeserialize(using = NanosJson.Reader.class) long p50,
                          @JsonSerialize(using = NanosJson.Writer.class) @JsonDeserialize(using = NanosJson.Reader.class) long p90,
                          @JsonSerialize(using = NanosJson.Writer.class) @JsonDeserialize(using = NanosJson.Reader.class) long p99,
                          @JsonSerialize(using = NanosJson.Writer.class) @JsonDeserialize(using = NanosJson.Reader.class) long p999,
                          @JsonSerialize(using = NanosJson.Writer.class) @JsonDeserialize(using = NanosJson.Reader.class) long max) {
    /** A figure that never happened by the end of the run: +infinity, above every latency. */
    public static final long NEVER = Long.MAX_VALUE;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("a percentile count must be >= 0: " + count);
        }
    }

    /** The figures of the completed samples of {@code h} alone. */
    public static Percentiles of(Histogram h) {
        return of(h, 0);
    }

    /** The figures over the completed samples of {@code completed} and {@code never} that never came. */
    public static Percentiles of(Histogram completed, long never) {
        if (completed.getTotalCount() + never == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        long[] at = valuesAt(completed, never, 50, 90, 99, 99.9);
        return new Percentiles(completed.getTotalCount() + never, at[0], at[1], at[2], at[3],
                never > 0 ? NEVER : completed.getMaxValue());
    }

    /**
     * {@link #valueAt} for each of {@code percentiles} (ascending), in one walk over the
     * histogram's recorded values: walking a packed histogram from its start is most of the
     * cost, and the results documents of a large run ask for thousands of these.
     */
    private static long[] valuesAt(Histogram completed, long never, double... percentiles) {
        long done = completed.getTotalCount();
        long[] ranks = new long[percentiles.length];
        long[] values = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            ranks[i] = rank(percentiles[i], done + never);
            values[i] = NEVER;
        }
        int next = 0;
        long seen = 0;
        for (HistogramIterationValue v : completed.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            while (next < ranks.length && ranks[next] <= seen) {
                values[next++] = completed.highestEquivalentValue(v.getValueIteratedTo());
            }
            if (next == ranks.length || ranks[next] > done) {
                break;
            }
        }
        return values;
    }

    /**
     * Percentile {@code percentile} (0 to 100) over the completed samples of {@code completed}
     * and {@code never} that never came: {@link #NEVER} when its rank is above the completed
     * samples.
     *
     * @throws IllegalArgumentException without any sample, or for a percentile outside 0..100
     */
    public static long valueAt(Histogram completed, long never, double percentile) {
        if (never < 0) {
            throw new IllegalArgumentException("samples that never came must be >= 0: " + never);
        }
        long done = completed.getTotalCount();
        long rank = rank(percentile, done + never);
        return rank > done ? NEVER : valueAtRank(completed, rank);
    }

    /**
     * The rank of {@code percentile} among {@code count} samples sorted ascending:
     * {@code ceil(percentile/100 * count)}, at least 1, computed exactly (99% of 100 is 99).
     *
     * @throws IllegalArgumentException when {@code count} is 0 or the percentile is outside 0..100
     */
    public static long rank(double percentile, long count) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile must be within 0..100: " + percentile);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("a percentile needs at least one sample: " + count);
        }
        BigDecimal exact = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                .divide(HUNDRED, 0, RoundingMode.CEILING);
        return Math.max(1, exact.longValueExact());
    }

    /**
     * The samples whose figure is above {@code limit}: those of {@code completed} whose highest
     * equivalent value (the value this record shows) is above it, plus the {@code never} that never
     * came. So a percentile's figure is above {@code limit} exactly when more samples than the
     * share above its rank are: p99 is over it exactly when more than 1% of the samples are.
     */
    public static long countAbove(Histogram completed, long never, long limit) {
        if (never < 0) {
            throw new IllegalArgumentException("samples that never came must be >= 0: " + never);
        }
        long above = never;
        for (HistogramIterationValue v : completed.recordedValues()) {
            if (completed.highestEquivalentValue(v.getValueIteratedTo()) > limit) {
                above += v.getCountAtValueIteratedTo();
            }
        }
        return above;
    }

    /** Whether a figure is {@link #NEVER}. */
    public static boolean isNever(long nanos) {
        return nanos == NEVER;
    }

    private static long valueAtRank(Histogram h, long rank) {
        long seen = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return h.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        throw new IllegalStateException("rank " + rank + " above the histogram's " + h.getTotalCount() + " samples");
    }
}
