package dev.livetalk.reports;

import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The charts of one scenario section, drawn from its first seed's documents and interval logs.
 *
 * <p>Immutable; any thread.
 *
 * @param faults      the fault timeline, empty without fault windows
 * @param percentiles latency by percentile, one per metric with samples
 * @param timeline    latency over time, empty without interval logs
 * @param examples    recorded examples over time, empty without examples
 * @param correctness correctness over time, empty when the results hold none (older documents)
 * @param conversations peer-final p99 per room, empty without figures per room (older documents) or
 *                    deliveries to peers
 * @param tradeOff    the strategies by cost, correctness and latency ({@link TradeOffChart}), empty with one strategy
 * @param drift       p99 and correctness per minute with the trend lines ({@link DriftChart}), empty without a
 *                    drift block (runs under 3 full minutes, older documents)
 */
public record ScenarioCharts(Optional<ChartImage> faults, List<ChartImage> percentiles, Optional<ChartImage> timeline,
                             Optional<ChartImage> examples, Optional<ChartImage> correctness,
                             Optional<ChartImage> conversations, Optional<ChartImage> tradeOff,
                             Optional<ChartImage> drift) {
    /** The latency metrics drawn, in order. */
    static final List<String> METRICS = List.of("echo", "ack", "peer-first", "peer-final", "read-receipt-lag",
            "scheduling-lag");
    /** The metrics of the latency-over-time chart (scheduling lag is the harness's own). */
    static final List<String> TIMELINE_METRICS = List.of("echo", "ack", "peer-first", "peer-final",
            "read-receipt-lag");
    private static final int WIDTH = 900;
    private static final int PERCENTILE_WIDTH = 640;

    public ScenarioCharts {
        percentiles = List.copyOf(percentiles);
    }

    /**
     * Every chart of the section, whose first seed's strategies stand as {@code tradeOff} says,
     * written under {@code reportDir}; file names start with {@code prefix}.
     */
    static ScenarioCharts render(ScenarioSection section, TradeOff tradeOff, Path reportDir, String prefix)
            throws IOException {
        ScenarioSection.SeedRun run = section.first();
        IntervalLog log = run.intervalLog(t -> t.corrected() && t.phase().equals("all"));
        List<FaultWindow> windows = run.document().faultSchedule().windows();
        double end = endSeconds(log, windows);
        Optional<ChartImage> faults = write(FaultTimelineChart.of(windows, end), reportDir, prefix + "-faults",
                "fault timeline", WIDTH, 110 + 28 * FaultTimelineChart.rowsOf(windows));
        List<ChartImage> percentiles = new ArrayList<>();
        for (String metric : METRICS) {
            write(PercentileChart.of(run, log, metric), reportDir, prefix + "-percentiles-" + metric,
                    metric + " latency by percentile", PERCENTILE_WIDTH, 400).ifPresent(percentiles::add);
        }
        int plots = LatencyTimelineChart.plotsOf(run, log, TIMELINE_METRICS);
        Optional<ChartImage> timeline = write(LatencyTimelineChart.of(run, log, TIMELINE_METRICS, windows, end),
                reportDir, prefix + "-timeline", "latency over time", WIDTH, 130 + 170 * plots);
        Optional<ChartImage> examples = write(ExampleTimelineChart.of(run, windows, end), reportDir,
                prefix + "-examples", "recorded correctness examples over time", WIDTH, 330);
        Optional<ChartImage> correctness = write(CorrectnessTimelineChart.of(run, windows, end), reportDir,
                prefix + "-correctness", "correctness over time", WIDTH, 130 + 150 * 3);
        Optional<ChartImage> conversations = write(ConversationChart.of(run), reportDir, prefix + "-conversations",
                "peer-final p99 per room", WIDTH, 420);
        Optional<TradeOffChart.Model> tradeOffModel = TradeOffChart.model(run, tradeOff);
        Optional<ChartImage> tradeOffChart = write(tradeOffModel.map(TradeOffChart::chart).orElse(null), reportDir,
                prefix + "-trade-off", tradeOffModel.map(TradeOffChart::alt).orElse(""), WIDTH,
                tradeOffModel.flatMap(TradeOffChart.Model::cost).isPresent() ? 560 : 360);
        Optional<ChartImage> drift = write(DriftChart.of(run), reportDir, prefix + "-drift", "drift per minute", WIDTH,
                130 + 150 * DriftChart.PLOTS);
        return new ScenarioCharts(faults, percentiles, timeline, examples, correctness, conversations,
                tradeOffChart, drift);
    }

    /** The end of the time axis: the last interval or fault window end, in seconds. */
    static double endSeconds(IntervalLog log, List<FaultWindow> windows) {
        double faultsEnd = windows.stream().mapToDouble(w -> w.end().toNanos() / 1e9).max().orElse(0);
        return Math.ceil(Math.max(log.endSeconds(), faultsEnd));
    }

    private static Optional<ChartImage> write(JFreeChart chart, Path reportDir, String name, String title, int width,
                                              int height) throws IOException {
        if (chart == null) {
            return Optional.empty();
        }
        return Optional.of(ChartFiles.write(chart, reportDir, name, title, width, height));
    }
}
