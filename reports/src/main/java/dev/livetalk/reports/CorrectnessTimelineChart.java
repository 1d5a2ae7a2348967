package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Correctness over time from the results' {@code correctnessOverTime}: per interval, what every
 * client displayed at its end, summed: inversions, pending and missing, one stacked plot each
 * sharing the time axis (seconds since the end of the warm-up), one line per strategy, fault
 * windows shaded.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class CorrectnessTimelineChart {
    /** The plots, in order: title and figure. */
    private static final List<Count> COUNTS = List.of(
            new Count("inversions", CorrectnessInterval::inversions),
            new Count("pending", CorrectnessInterval::pending),
            new Count("missing", CorrectnessInterval::missing));

    private record Count(String name, ToLongFunction<CorrectnessInterval> value) {
    }

    private CorrectnessTimelineChart() {
    }

    /** Whether any strategy of the run has correctness over time (documents written before it was recorded have none). */
    static boolean hasData(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().anyMatch(s -> !s.correctnessOverTime().isEmpty());
    }

    /** The chart, or null when no strategy has correctness over time. */
    static JFreeChart of(ScenarioSection.SeedRun run, List<FaultWindow> windows, double endSeconds) {
        if (!hasData(run)) {
            return null;
        }
        NumberAxis time = new NumberAxis("seconds since the end of the warm-up");
        time.setRange(0, Math.max(Math.max(1, endSeconds), lastSample(run)));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(8);
        for (Count count : COUNTS) {
            combined.add(plot(run, count, windows), 1);
        }
        combined.setFixedLegendItems(LatencyTimelineChart.legend(run));
        JFreeChart chart = new JFreeChart("correctness over time", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.addSubtitle(new TextTitle("at the end of each interval, summed over clients: adjacent lines in the "
                + "wrong order, sends shown pending, messages due (committed 1 s before) and not shown; "
                + "fault windows shaded red"));
        ChartStyle.apply(chart);
        return chart;
    }

    private static double lastSample(ScenarioSection.SeedRun run) {
        return run.document().strategies().stream().flatMap(s -> s.correctnessOverTime().stream())
                .mapToDouble(i -> (i.start() + i.length()) / 1e9).max().orElse(0);
    }

    private static XYPlot plot(ScenarioSection.SeedRun run, Count count, List<FaultWindow> windows) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (StrategyResult s : run.document().strategies()) {
            if (s.correctnessOverTime().isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(s.strategy(), true);
            for (CorrectnessInterval i : s.correctnessOverTime()) {
                series.add((i.start() + i.length()) / 1e9, count.value().applyAsLong(i));
            }
            data.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour((String) data.getSeriesKey(i)));
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        NumberAxis counts = new NumberAxis(count.name());
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        counts.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, counts, renderer);
        ChartStyle.plain(plot);
        ChartStyle.shadeFaults(plot, windows);
        return plot;
    }
}
