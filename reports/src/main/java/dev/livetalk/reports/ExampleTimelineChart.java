package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.correctness.ExampleKind;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.geom.Ellipse2D;
import java.util.Arrays;
import java.util.List;

/**
 * When the recorded examples (the first few lost, misordered, duplicated ... messages) happened,
 * per strategy and kind, with fault windows shaded: drawn beside the per-interval counts of
 * {@link CorrectnessTimelineChart}, and the only view of correctness over time for documents
 * written before those counts were recorded.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class ExampleTimelineChart {
    private ExampleTimelineChart() {
    }

    /** The chart, or null without examples. */
    static JFreeChart of(ScenarioSection.SeedRun run, List<FaultWindow> windows, double endSeconds) {
        List<ExampleKind> kinds = Arrays.asList(ExampleKind.values());
        XYSeriesCollection data = new XYSeriesCollection();
        for (StrategyResult s : run.document().strategies()) {
            if (s.examples().isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(s.strategy(), false);
            int index = run.document().strategies().indexOf(s);
            double offset = (index % 5 - 2) * 0.08;
            for (Example e : s.examples()) {
                series.add(e.at() / 1e9, kinds.indexOf(e.kind()) + offset);
            }
            data.addSeries(series);
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.colour((String) data.getSeriesKey(i)));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        NumberAxis time = new NumberAxis("seconds since the end of the warm-up");
        time.setRange(Math.min(0, data.getDomainLowerBound(false) - 0.5),
                Math.max(Math.max(1, endSeconds), data.getDomainUpperBound(false) + 0.5));
        SymbolAxis kindAxis = new SymbolAxis(null, kinds.stream().map(ExampleKind::name)
                .map(n -> n.toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toArray(String[]::new));
        XYPlot plot = new XYPlot(data, time, kindAxis, renderer);
        ChartStyle.shadeFaults(plot, windows);
        JFreeChart chart = new JFreeChart("recorded correctness examples over time", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.addSubtitle(new TextTitle("the first few examples of each kind only; fault windows shaded red"));
        ChartStyle.apply(chart);
        return chart;
    }
}
