package dev.livetalk.reports;

import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.StrategyResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency by percentile, HdrHistogram's way: the x axis is 1/(1-p) on a log scale, labelled
 * 90%, 99%, 99.9% ...; one line per strategy (corrected latency, all phases), y in ms. The
 * curves are of completed deliveries only (the distribution of the summed intervals of the
 * {@code .hlog}; without one, the five completed-only percentiles of the results document);
 * the legend says how many intended deliveries never came.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class PercentileChart {
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileChart() {
    }

    /** The chart of {@code metric} for the strategies of {@code run}; null when no strategy has samples. */
    static JFreeChart of(ScenarioSection.SeedRun run, IntervalLog log, String metric) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> strategies = new ArrayList<>();
        double maxX = 10;
        for (StrategyResult s : run.document().strategies()) {
            XYSeries series = series(s, log, metric);
            if (series.getItemCount() > 0) {
                data.addSeries(series);
                strategies.add(s.strategy());
                maxX = Math.max(maxX, series.getMaxX());
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " latency by percentile", "percentile",
                "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(new TextTitle("completed deliveries only, corrected: from the intended send time; all "
                + "phases; what never came is not in the curves (legend)"));
        XYPlot plot = chart.getXYPlot();
        LogAxis axis = new LogAxis("percentile");
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(0);
        axis.setNumberFormatOverride(new PercentileAxisFormat());
        axis.setRange(1, 1.3 * Math.pow(10, Math.ceil(Math.log10(maxX))));
        plot.setDomainAxis(axis);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour(strategies.get(i)));
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        plot.setRenderer(renderer);
        ChartStyle.apply(chart);
        return chart;
    }

    private static XYSeries series(StrategyResult s, IntervalLog log, String metric) {
        XYSeries series = new XYSeries(label(s, metric), false);
        Histogram h = log.total(new SeriesTag(s.strategy(), metric, "all", true));
        if (h.getTotalCount() > 0) {
            for (double[] point : points(h)) {
                series.add(point[0], point[1]);
            }
            return series;
        }
        LatencyFigures f = s.latency(metric, "all");
        if (f != null && f.completedOnly().corrected().count() > 0) {
            Percentiles p = f.completedOnly().corrected();
            series.add(PercentileAxisFormat.positionOf(0), 0.0);
            series.add(PercentileAxisFormat.positionOf(50), p.p50() / 1e6);
            series.add(PercentileAxisFormat.positionOf(90), p.p90() / 1e6);
            series.add(PercentileAxisFormat.positionOf(99), p.p99() / 1e6);
            series.add(PercentileAxisFormat.positionOf(99.9), p.p999() / 1e6);
            series.add(Math.max(1000, p.count()), p.max() / 1e6);
        }
        return series;
    }

    /** The legend entry: the strategy, and how many intended deliveries never came (they are not in the curve). */
    static String label(StrategyResult s, String metric) {
        LatencyFigures f = s.latency(metric, "all");
        return f == null || f.never() == 0 ? s.strategy()
                : s.strategy() + " (" + f.never() + " of " + f.intended() + " never came)";
    }

    /** (x = 1/(1-p), ms) points of the distribution, ending at the max at x = count. */
    static List<double[]> points(Histogram h) {
        List<double[]> points = new ArrayList<>();
        double lastX = 1;
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p >= 100.0) {
                break;
            }
            lastX = PercentileAxisFormat.positionOf(p);
            points.add(new double[] {lastX, v.getValueIteratedTo() / 1e6});
        }
        points.add(new double[] {Math.max(lastX, h.getTotalCount()), h.getMaxValue() / 1e6});
        return points;
    }
}
