package dev.livetalk.reports;

import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault timeline: one row per fault (with its type and targets), each window a band from
 * its start to its end, in seconds since the end of the warm-up.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class FaultTimelineChart {
    private static final Color BAND = new Color(220, 50, 47, 170);

    private FaultTimelineChart() {
    }

    /** The chart, or null without windows. */
    static JFreeChart of(List<FaultWindow> windows, double endSeconds) {
        if (windows.isEmpty()) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        windows.forEach(w -> {
            if (!rows.contains(label(w))) {
                rows.add(label(w));
            }
        });
        XYIntervalSeries series = new XYIntervalSeries("fault windows");
        for (FaultWindow w : windows) {
            int row = rows.indexOf(label(w));
            double start = w.start().toNanos() / 1e9;
            double end = Math.max(w.end().toNanos() / 1e9, start + 0.02);
            series.add(start, start, end, row, row - 0.3, row + 0.3);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(series);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, BAND);
        NumberAxis time = new NumberAxis("seconds since the end of the warm-up");
        time.setRange(0, Math.max(1, endSeconds));
        SymbolAxis faults = new SymbolAxis(null, rows.toArray(String[]::new));
        faults.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, time, faults, renderer);
        JFreeChart chart = new JFreeChart("fault timeline", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        ChartStyle.apply(chart);
        return chart;
    }

    /** The row label of a window: {@code outage: down → 8 clients}. */
    static String label(FaultWindow w) {
        List<String> clients = w.clients();
        String who = clients.size() <= 3 ? String.join(", ", clients) : clients.size() + " clients";
        return w.fault() + ": " + w.kind().yamlName() + (who.isEmpty() ? "" : " → " + who);
    }

    /** Rows of the timeline, for sizing the image. */
    static int rowsOf(List<FaultWindow> windows) {
        return (int) windows.stream().map(FaultTimelineChart::label).distinct().count();
    }
}
