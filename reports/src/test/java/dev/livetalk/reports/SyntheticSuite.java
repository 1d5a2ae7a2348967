package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.ConvergenceFigures;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.correctness.ExampleKind;
import dev.livetalk.metrics.correctness.Outcome;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LinkSelector;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a made-up suite in the shape a real run writes (results.json, one .hlog per strategy
 * tagged like HlogWriter's), big enough to measure report generation: seeded, so every run of
 * a test sees the same files.
 *
 * <p>Test thread only.
 */
final class SyntheticSuite {
    static final List<String> STRATEGIES = List.of("event-only", "naive-retry", "ordered", "gap-fill", "reconcile",
            "snapshot");
    private static final List<String> METRICS = ScenarioCharts.METRICS;
    private static final List<String> PHASES = List.of("all", "before", "during", "after");

    private SyntheticSuite() {
    }

    /** Writes {@code scenarios} scenario folders of every strategy, {@code seconds} long; returns the results files. */
    static List<Path> write(Path dir, int scenarios, int seconds, long seed) {
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < scenarios; i++) {
                String name = "scenario-" + (i + 1);
                Path folder = Files.createDirectories(dir.resolve(name));
                FaultSchedule schedule = schedule(seed, 2 + i % 3, seconds);
                List<StrategyResult> results = new ArrayList<>();
                for (String strategy : STRATEGIES) {
                    Histogram all = writeHlog(folder.resolve(strategy + ".hlog"), strategy, seconds, random);
                    results.add(result(strategy, all, random));
                }
                Path file = folder.resolve("results.json");
                ResultsJson.write(ResultsDocument.of(name, seed, "toxiproxy", new Environment("2.12.0", "test JVM", 2),
                        schedule, results), file);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static FaultSchedule schedule(long seed, int windows, int seconds) {
        List<FaultWindow> list = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            Duration start = Duration.ofNanos((long) ((w + 1) * seconds / (windows + 1.0) * 1e9));
            list.add(new FaultWindow("fault" + w % 2, w / 2, start, start.plusMillis(1500),
                    new LatencyFault(Duration.ofMillis(200), Duration.ZERO), DirectionSelector.BOTH, List.of("user1", "user2"),
                    LinkSelector.BOTH, false));
        }
        return new FaultSchedule(seed, list);
    }

    /** Writes every metric, phase and kind interval by interval; returns the peer-final total. */
    private static Histogram writeHlog(Path file, String strategy, int seconds, Random random) throws IOException {
        Histogram peerFinal = new Histogram(3);
        try (var out = Files.newOutputStream(file)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_795_950_581_661L);
            writer.outputLegend();
            for (int t = 0; t < seconds; t++) {
                for (String metric : METRICS) {
                    for (String phase : PHASES) {
                        for (String kind : List.of("corrected", "raw")) {
                            Histogram h = new Histogram(3);
                            for (int n = 0; n < 100; n++) {
                                h.recordValue((long) (Math.exp(random.nextGaussian() * 1.2) * 20e6));
                            }
                            if (metric.equals("peer-final") && phase.equals("all") && kind.equals("corrected")) {
                                peerFinal.add(h);
                            }
                            h.setTag("strategy=" + strategy + ";metric=" + metric + ";phase=" + phase + ";kind=" + kind);
                            writer.outputIntervalHistogram(t, t + 1, h, 1e6);
                        }
                    }
                }
            }
            writer.close();
        }
        return peerFinal;
    }

    private static StrategyResult result(String strategy, Histogram peerFinal, Random random) {
        long lost = strategy.equals("reconcile") ? 0 : random.nextInt(50);
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, 0L);
        }
        CorrectnessFigures correctness = new CorrectnessFigures(8, lost == 0 ? 8 : 5, lost == 0 ? 100 : 62.5, lost, 0, 0,
                lost * 2, 0.99, lost, 0, 0, 0, outcomes, new ConvergenceFigures(8, 0, 0, 1_000_000L, 2_000_000L,
                3_000_000L));
        List<LatencyFigures> latency = new ArrayList<>();
        for (String metric : METRICS) {
            for (String phase : PHASES) {
                latency.add(new LatencyFigures(metric, phase, Percentiles.of(peerFinal), Percentiles.of(peerFinal), 0));
            }
        }
        List<Example> examples = new ArrayList<>();
        for (int e = 0; e < Math.min(lost, 10); e++) {
            examples.add(new Example(ExampleKind.LOST, "user" + (e % 8 + 1), "room1", 20 + e, "room1:" + (20 + e),
                    (long) (random.nextDouble() * 10e9)));
        }
        List<BudgetVerdict> budgets = List.of(new BudgetVerdict("lost == 0", strategy, (double) lost, "", lost == 0,
                "lost = " + lost + ", budget == 0"));
        return new StrategyResult(strategy, correctness, latency, budgets, examples, List.of(strategy + ".hlog"));
    }
}
