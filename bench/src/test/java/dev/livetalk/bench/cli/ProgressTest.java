package dev.livetalk.bench.cli;

import dev.livetalk.run.RunProgress;
import dev.livetalk.simulator.SweepProgress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private static final long S = 1_000_000_000L;
    private final StringWriter err = new StringWriter();

    private static RunProgress.MinuteFigures minute(int n, long length, long rss) {
        return new RunProgress.MinuteFigures("soak-1h", "reconcile", n, 60, length, 63_012, 63_010, 2, 4_100_000,
                6_000_000, -1, 812L << 20, rss);
    }

    @Test
    void aMinuteIsOneLineOfInterimFigures() {
        new Progress(new PrintWriter(err), false).onMinute(minute(12, 60 * S, (long) (1.1 * (1L << 30))));
        assertThat(err.toString()).isEqualTo("soak-1h  reconcile  minute 12/60: sent 63,012 committed 63,010"
                + " pending 2 | echo p99 4.1 ms  peer-first p99 6.0 ms  scheduling-lag p99 none | heap 812 MB"
                + " rss 1.1 GB" + System.lineSeparator());
    }

    @Test
    void aShorterLastMinuteSaysItsLengthAndAnUnknownRssIsNotAvailable() {
        assertThat(Progress.minuteLine(minute(60, 5 * S, -1))).contains("minute 60/60 (5 s): sent")
                .endsWith("| heap 812 MB rss n/a");
    }

    @Test
    void quietShowsNoMinute() {
        new Progress(new PrintWriter(err), true).onMinute(minute(1, 60 * S, -1));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRunLongerThanTenMinutesShowsItsStatusEveryTenSecondsOfRunTime() {
        Progress progress = new Progress(new PrintWriter(err), false);
        long total = 3600 * S;
        for (long second = 1; second <= 25; second++) {
            progress.onStatus(new RunProgress.Status("soak-1h", "reconcile", second * S, total, 0, 0, 0));
        }
        progress.onStatus(new RunProgress.Status("soak-1h", "reconcile", total, total, 0, 0, 0)); // the end: shown
        progress.onStatus(new RunProgress.Status("short", "reconcile", 1 * S, 9 * S, 0, 0, 0));
        progress.onStatus(new RunProgress.Status("short", "reconcile", 2 * S, 9 * S, 0, 0, 0));
        assertThat(err.toString().lines().map(l -> l.replaceAll("\\s+", " ").split(" faults")[0]))
                .containsExactly("soak-1h reconcile 1.0s / 3600.0s", "soak-1h reconcile 11.0s / 3600.0s",
                        "soak-1h reconcile 21.0s / 3600.0s", "soak-1h reconcile 3600.0s / 3600.0s",
                        "short reconcile 1.0s / 9.0s", "short reconcile 2.0s / 9.0s");
    }

    @Test
    void aStatusCountsSendsAndCommitsPastTheIntRange() {
        // a valid 7-hour soak at the most load (100,000 messages/s) sends 2,520,000,000: past 2^31 after 21,475 s
        new Progress(new PrintWriter(err), false).onStatus(new RunProgress.Status("soak-7h", "reconcile", 25_200 * S,
                25_200 * S, 0, 2_520_000_000L, 2_519_999_998L));
        assertThat(err.toString()).contains("sent 2520000000  committed 2519999998");
    }

    /** A sweep's seeds: a line at most a second (by the clock given), the scenario's last always, none when quiet. */
    @Test
    void aSweepShowsASeedAtMostEverySecondAndItsLast() {
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(err), false, () -> now[0]);
        for (long seed = 1; seed <= 5; seed++) {
            now[0] = seed * 400_000_000L; // 0.4 s a seed
            progress.onSeed(new SweepProgress.Status("outage", seed, seed * 2, 12, seed >= 3 ? 1 : 0));
        }
        now[0] = 2_400_000_000L;
        progress.onSeed(new SweepProgress.Status("outage", 6, 12, 12, 1)); // 0.8 s after seed 4's, but the last
        new Progress(new PrintWriter(err), true, () -> 0).onSeed(new SweepProgress.Status("quiet", 1, 1, 1, 0));

        assertThat(err.toString().lines()).containsExactly(
                "outage               sweep  seed 1: 2 of 12 runs done, 0 failed a budget or broke an invariant",
                "outage               sweep  seed 4: 8 of 12 runs done, 1 failed a budget or broke an invariant",
                "outage               sweep  seed 6: 12 of 12 runs done, 1 failed a budget or broke an invariant");
    }
}
