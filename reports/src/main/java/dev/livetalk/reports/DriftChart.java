package dev.livetalk.reports;

import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftMinute;
import dev.livetalk.metrics.drift.DriftTrend;
import dev.livetalk.metrics.drift.MinuteCorrectness;
import dev.livetalk.metrics.drift.MinuteLatency;
import dev.livetalk.metrics.results.StrategyResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Drift over a long run from the results' {@code drift} blocks: per full minute after the warm-up,
 * the p99 of peer-final and of scheduling-lag, each with its Theil-Sen trend line (dashed), then
 * the mean of the 1 s correctness samples (inversions, pending, missing); one plot each sharing the
 * minute axis, one line per strategy with a drift block.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class DriftChart {
    /** The latency metrics drawn, in order. */
    static final List<String> METRICS = List.of("peer-final", "scheduling-lag");
    private static final List<Count> COUNTS = List.of(
            new Count("inversions (mean)", MinuteCorrectness::inversionsMean),
            new Count("pending (mean)", MinuteCorrectness::pendingMean),
            new Count("missing (mean)", MinuteCorrectness::missingMean));
    /** The plots of the chart, for sizing the image. */
    static final int PLOTS = METRICS.size() + COUNTS.size();

    private record Count(String name, ToDoubleFunction<MinuteCorrectness> value) {
    }

    private DriftChart() {
    }

    /** The chart, or null when no strategy of the run has a drift block. */
    static JFreeChart of(ScenarioSection.SeedRun run) {
        if (!DriftTable.hasData(run)) {
            return null;
        }
        NumberAxis minutes = new NumberAxis("full minutes after the warm-up");
        minutes.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        minutes.setRange(0.5, run.document().strategies().stream().filter(s -> s.drift() != null)
                .mapToInt(s -> s.drift().minutes().size()).max().orElse(1) + 0.5);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(minutes);
        combined.setGap(8);
        for (String metric : METRICS) {
            combined.add(latency(run, metric), 1);
        }
        for (Count count : COUNTS) {
            combined.add(correctness(run, count), 1);
        }
        combined.setFixedLegendItems(LatencyTimelineChart.legend(run));
        JFreeChart chart = new JFreeChart("drift per minute", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.addSubtitle(new TextTitle("p99 per full minute (corrected, by completion), dashed: Theil-Sen trend line; "
                + "correctness: mean of the 1 s samples of each minute"));
        ChartStyle.apply(chart);
        return chart;
    }

    /** Minute m is drawn at m + 1 (the first full minute is minute 1). */
    private static double x(int minute) {
        return minute + 1;
    }

    private static XYPlot latency(ScenarioSection.SeedRun run, String metric) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (StrategyResult s : run.document().strategies()) {
            Drift drift = s.drift();
            if (drift == null) {
                continue;
            }
            XYSeries series = new XYSeries(s.strategy(), true);
            for (DriftMinute m : drift.minutes()) {
                MinuteLatency figures = m.latency(metric);
                if (figures != null && figures.count() > 0) {
                    series.add(x(m.minute()), figures.p99() / 1e6);
                }
            }
            int index = data.getSeriesCount();
            data.addSeries(series);
            renderer.setSeriesPaint(index, ChartStyle.colour(s.strategy()));
            renderer.setSeriesStroke(index, ChartStyle.line());
            DriftTrend trend = drift.trend(metric);
            if (trend != null && trend.slopeNanosPerMinute() != null) {
                XYSeries line = new XYSeries(s.strategy() + " trend", true);
                int last = drift.minutes().size() - 1;
                line.add(x(0), Math.max(0, trend.interceptNanos()) / 1e6);
                line.add(x(last), Math.max(0, trend.interceptNanos() + trend.slopeNanosPerMinute() * last) / 1e6);
                int lineIndex = data.getSeriesCount();
                data.addSeries(line);
                renderer.setSeriesPaint(lineIndex, ChartStyle.colour(s.strategy()));
                renderer.setSeriesStroke(lineIndex, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[] {6f, 4f}, 0f));
                renderer.setSeriesShapesVisible(lineIndex, false);
            }
        }
        XYPlot plot = new XYPlot(data, null, new NumberAxis(metric + " p99 (ms)"), renderer);
        ChartStyle.plain(plot);
        return plot;
    }

    private static XYPlot correctness(ScenarioSection.SeedRun run, Count count) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (StrategyResult s : run.document().strategies()) {
            if (s.drift() == null) {
                continue;
            }
            XYSeries series = new XYSeries(s.strategy(), true);
            for (DriftMinute m : s.drift().minutes()) {
                series.add(x(m.minute()), count.value().applyAsDouble(m.correctness()));
            }
            int index = data.getSeriesCount();
            data.addSeries(series);
            renderer.setSeriesPaint(index, ChartStyle.colour(s.strategy()));
            renderer.setSeriesStroke(index, ChartStyle.line());
        }
        NumberAxis axis = new NumberAxis(count.name());
        axis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        ChartStyle.plain(plot);
        return plot;
    }
}
