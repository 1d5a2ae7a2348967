package dev.livetalk.reports;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency over time: per interval of the {@code .hlog}, the corrected p99 of each strategy's
 * completed deliveries, one stacked plot per metric sharing the time axis (seconds since the
 * end of the warm-up), fault windows shaded; a subtitle says how many never came.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class LatencyTimelineChart {
    private LatencyTimelineChart() {
    }

    /** The chart, or null when the interval log has none of {@code metrics}. */
    static JFreeChart of(ScenarioSection.SeedRun run, IntervalLog log, List<String> metrics,
                         List<FaultWindow> windows, double endSeconds) {
        NumberAxis time = new NumberAxis("seconds since the end of the warm-up");
        time.setRange(0, Math.max(1, endSeconds));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(8);
        for (String metric : metrics) {
            XYPlot plot = plot(run, log, metric, windows);
            if (plot != null) {
                combined.add(plot, 1);
            }
        }
        if (combined.getSubplots().isEmpty()) {
            return null;
        }
        combined.setFixedLegendItems(legend(run));
        JFreeChart chart = new JFreeChart("latency over time", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.addSubtitle(new TextTitle("p99 per interval of completed deliveries only, corrected; fault windows "
                + "shaded red"));
        String never = neverCame(run, metrics);
        if (!never.isEmpty()) {
            chart.addSubtitle(new TextTitle("never came (not plotted): " + never));
        }
        ChartStyle.apply(chart);
        return chart;
    }

    /** One legend entry per strategy, instead of one per strategy and stacked plot. */
    static LegendItemCollection legend(ScenarioSection.SeedRun run) {
        LegendItemCollection items = new LegendItemCollection();
        for (StrategyResult s : run.document().strategies()) {
            LegendItem item = new LegendItem(s.strategy(), ChartStyle.colour(s.strategy()));
            item.setShapeVisible(false);
            item.setLineVisible(true);
            item.setLine(new java.awt.geom.Line2D.Double(-7, 0, 7, 0));
            item.setLineStroke(ChartStyle.line());
            item.setLinePaint(ChartStyle.colour(s.strategy()));
            items.add(item);
        }
        return items;
    }

    /** Per strategy, the intended deliveries of {@code metrics} (all phases) that never came: {@code event-only peer-final 12}. */
    static String neverCame(ScenarioSection.SeedRun run, List<String> metrics) {
        List<String> parts = new ArrayList<>();
        for (StrategyResult s : run.document().strategies()) {
            List<String> counts = new ArrayList<>();
            for (String metric : metrics) {
                LatencyFigures f = s.latency(metric, "all");
                if (f != null && f.never() > 0) {
                    counts.add(metric + " " + f.never());
                }
            }
            if (!counts.isEmpty()) {
                parts.add(s.strategy() + " " + String.join(", ", counts));
            }
        }
        return String.join("; ", parts);
    }

    /** How many metrics of {@code metrics} have intervals, for sizing the image. */
    static int plotsOf(ScenarioSection.SeedRun run, IntervalLog log, List<String> metrics) {
        return (int) metrics.stream().filter(m -> run.document().strategies().stream()
                .anyMatch(s -> !log.corrected(s.strategy(), m, "all").isEmpty())).count();
    }

    private static XYPlot plot(ScenarioSection.SeedRun run, IntervalLog log, String metric, List<FaultWindow> windows) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (StrategyResult s : run.document().strategies()) {
            List<IntervalLog.Interval> intervals = log.corrected(s.strategy(), metric, "all");
            if (intervals.isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(s.strategy(), true);
            for (IntervalLog.Interval i : intervals) {
                series.add((i.startSeconds() + i.endSeconds()) / 2, i.p99() / 1e6);
            }
            data.addSeries(series);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour((String) data.getSeriesKey(i)));
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        XYPlot plot = new XYPlot(data, null, new NumberAxis(metric + " p99 (ms)"), renderer);
        ChartStyle.plain(plot);
        ChartStyle.shadeFaults(plot, windows);
        return plot;
    }
}
