package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.results.RegressionVerdict;
import dev.livetalk.metrics.results.RegressionVerdict.Change;

import java.util.Locale;

/**
 * The verdict on the change of one latency percentile: a regression when it is significant
 * (the confidence interval of the relative change lies above 0), above the practical threshold
 * and above the floor; an improvement likewise downwards, by the same rule run backwards (the
 * change from this run back to the baseline would be a regression); unchanged when it is neither
 * significant nor beyond the threshold and floor; else within noise. Without an interval (no
 * interval logs, too few intervals) the documented fallback: only a p50 is gated, by threshold
 * and floor and, where both runs' samples are there, a rank test on them ({@link RankTest});
 * other percentiles are not gated (within noise at worst).
 *
 * <p>Stateless; any thread.
 *
 * @param strategy   the strategy
 * @param figure     {@code peer-final p99 during}
 * @param percentile 50 or 99
 * @param baseline   the baseline's value, ns (+infinity: never)
 * @param current    this run's value
 * @param low        lower bound of the interval of the relative change, NaN without one
 * @param high       upper bound, NaN without one
 * @param z          the fallback's rank-test z score, NaN without one (no samples, or an interval)
 * @param fallback   why there is no interval (null when there is one)
 */
record LatencyChange(String strategy, String figure, double percentile, double baseline, double current, double low,
                     double high, double z, String fallback) {

    /**
     * The verdict under {@code tolerance}; {@code neverGrew}: the loss behind a value that became
     * never regressed ({@link NeverLatency#lossRegressed}); {@code neverFell}: the loss behind a
     * never that became a value fell as significantly (the reverse test).
     */
    RegressionVerdict verdict(Tolerance tolerance, boolean neverGrew, boolean neverFell) {
        Change change = change(tolerance, neverGrew, neverFell);
        return new RegressionVerdict(strategy, figure, baseline, current, change, message(tolerance, change));
    }

    /** The verdict when a never that became a value is not known to have fallen significantly. */
    RegressionVerdict verdict(Tolerance tolerance, boolean neverGrew) {
        return verdict(tolerance, neverGrew, false);
    }

    /** {@link #change(Tolerance, boolean, boolean)} of a never that is not known to have fallen. */
    Change change(Tolerance tolerance, boolean neverGrew) {
        return change(tolerance, neverGrew, false);
    }

    /**
     * One rule both ways: an improvement is a change whose reverse would be a regression. The
     * threshold of a fall is therefore the relative change from the current value back to the
     * baseline's (a 10% threshold: a rise of more than 10%, a fall of more than 9.1%), the floor
     * and the significance alike; never to a value improves only when {@code neverFell}.
     */
    Change change(Tolerance tolerance, boolean neverGrew, boolean neverFell) {
        boolean neverBefore = Double.isInfinite(baseline);
        boolean neverNow = Double.isInfinite(current);
        if (neverBefore || neverNow) {
            // never: in both unchanged; either way a change only when the lost count moved significantly that way
            return neverBefore && neverNow ? Change.UNCHANGED
                    : neverBefore ? (neverFell ? Change.IMPROVEMENT : Change.WITHIN_NOISE)
                    : neverGrew ? Change.REGRESSION : Change.WITHIN_NOISE;
        }
        double relative = BlockBootstrap.relativeChange(baseline, current);
        double absolute = current - baseline;
        boolean worse = relative > tolerance.latencyRelative() && absolute >= tolerance.latencyFloorNanos();
        boolean better = BlockBootstrap.relativeChange(current, baseline) > tolerance.latencyRelative()
                && -absolute >= tolerance.latencyFloorNanos();
        boolean significantlyWorse;
        boolean significantlyBetter;
        if (fallback != null) {
            double critical = RankTest.critical(tolerance.confidence());
            boolean gated = percentile == 50;
            significantlyWorse = gated && (Double.isNaN(z) || z > critical);
            significantlyBetter = gated && (Double.isNaN(z) || z < -critical);
            if (!gated || Double.isNaN(z)) {
                return worse && significantlyWorse ? Change.REGRESSION
                        : better && significantlyBetter ? Change.IMPROVEMENT
                        : absolute == 0 ? Change.UNCHANGED : Change.WITHIN_NOISE;
            }
        } else {
            significantlyWorse = low > 0;
            significantlyBetter = high < 0;
        }
        if (worse && significantlyWorse) {
            return Change.REGRESSION;
        }
        if (better && significantlyBetter) {
            return Change.IMPROVEMENT;
        }
        return worse || better || significantlyWorse || significantlyBetter ? Change.WITHIN_NOISE : Change.UNCHANGED;
    }

    /** {@code reconcile peer-final p99 all: 34.1ms vs 30.2ms in the baseline (+12.9%, 99% CI -4.0%..+31.2%; threshold +10% and 1ms): within noise}. */
    private String message(Tolerance tolerance, Change change) {
        String threshold = String.format(Locale.ROOT, "threshold +%s%% and %s", Figures.number(
                tolerance.latencyRelative() * 100), Figures.duration(tolerance.latencyFloorNanos()));
        String evidence = fallback != null
                ? fallback + ": " + (percentile != 50 ? "not gated"
                        : Double.isNaN(z) ? "by threshold only"
                        : String.format(Locale.ROOT, "rank test on samples z %+.2f, needs %.2f",
                                z, RankTest.critical(tolerance.confidence()))) + "; " + threshold
                : String.format(Locale.ROOT, "%s%% CI %s..%s; %s", Figures.number(tolerance.confidence() * 100),
                        percent(low), percent(high), threshold);
        return String.format(Locale.ROOT, "%s %s: %s vs %s in the baseline (%s, %s): %s", strategy, figure,
                value(current), value(baseline), percent(BlockBootstrap.relativeChange(baseline, current)), evidence,
                change.text());
    }

    private static String value(double nanos) {
        return Double.isInfinite(nanos) ? "never" : Figures.duration(nanos);
    }

    private static String percent(double share) {
        if (Double.isInfinite(share)) {
            return share > 0 ? "+inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%+.1f%%", share * 100);
    }
}
