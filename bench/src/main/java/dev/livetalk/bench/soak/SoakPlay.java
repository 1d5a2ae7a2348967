package dev.livetalk.bench.soak;

import java.util.List;

/**
 * One soak play: its samples per simulated minute, then the two phases: the play (until the
 * first play's stage closed) and what follows it (measuring the trace, waiting for the
 * self-check's second play, writing the interval log) until the results were there.
 *
 * @param samples          per simulated minute, in order
 * @param endHeapAfterGc   heap used after a full collection when the first play ended, bytes
 * @param playWallNanos    wall time of the play phase, the forced collections left out
 * @param playCpuNanos     CPU time of the playing thread in the play phase, the forced collections left out
 * @param playPeak         peak heap in the play phase, bytes (the heap pools' peaks added up)
 * @param playOldPeak      peak of the old generation's pool in the play phase, bytes ({@code -1}: no such pool)
 * @param afterWallNanos   wall time of the phase after the play
 * @param afterCpuNanos    CPU time of the calling thread in the phase after the play
 * @param afterPeak        peak heap in the phase after the play, bytes (the heap pools' peaks added up)
 * @param afterOldPeak     peak of the old generation's pool after the play, bytes ({@code -1}: no such pool)
 * @param processCpuNanos  CPU time of the whole JVM over the play and what follows (the self-check's thread, the collectors)
 * @param budgetsMet       budgets the strategy met
 * @param budgets          budgets of the scenario
 */
public record SoakPlay(List<SoakSample> samples, long endHeapAfterGc, long playWallNanos, long playCpuNanos,
                       long playPeak, long playOldPeak, long afterWallNanos, long afterCpuNanos, long afterPeak,
                       long afterOldPeak, long processCpuNanos, int budgetsMet, int budgets) {
    public SoakPlay {
        samples = List.copyOf(samples);
    }

    /**
     * The least-squares slope of heap after a full collection against the simulated minute, from
     * minute 1 on, in bytes per minute, with its standard error; {@code null} with fewer than two
     * samples (the error: {@code NaN} with fewer than three).
     */
    public Slope slope() {
        return Slope.of(samples.stream().mapToDouble(SoakSample::minute).toArray(),
                samples.stream().mapToDouble(SoakSample::heapAfterGc).toArray());
    }

    /** A fitted slope and its standard error (NaN when not defined). */
    public record Slope(double perMinute, double standardError) {
        static Slope of(double[] x, double[] y) {
            int n = x.length;
            if (n < 2) {
                return null;
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += x[i] / n;
                my += y[i] / n;
            }
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
            }
            double slope = sxy / sxx;
            if (n < 3) {
                return new Slope(slope, Double.NaN);
            }
            double ssr = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - (my + slope * (x[i] - mx));
                ssr += r * r;
            }
            return new Slope(slope, Math.sqrt(ssr / (n - 2) / sxx));
        }
    }
}
