package dev.livetalk.reports;

import dev.livetalk.scenarios.fault.FaultWindow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.RangeType;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The look shared by every chart: one colour per strategy (the same on every chart of a
 * report), fault windows as light red bands, plain white plots, room at the edges for the
 * labels (the last tick label of a time axis is centred on the axis's end), and value axes
 * that start at 0 and span at least 1 (ms or a count), so that a series of zeros reads
 * 0..1 and not -5E-9..5E-9.
 *
 * <p>Stateless; any thread.
 */
final class ChartStyle {
    /** Fault windows: translucent red. */
    static final Color FAULT = new Color(220, 50, 47, 45);
    /**
     * The edges of a fault window: a stronger red, a pixel wide, so that a window far narrower than a
     * pixel (a 300 ms reset on an hour's axis: a twentieth of one) still shows where it was.
     */
    private static final Color FAULT_EDGE = new Color(220, 50, 47, 110);
    private static final Map<String, Color> BUILT_IN = Map.of(
            "event-only", new Color(0xd6, 0x27, 0x28),
            "naive-retry", new Color(0xff, 0x7f, 0x0e),
            "ordered", new Color(0x94, 0x67, 0xbd),
            "gap-fill", new Color(0x17, 0xbe, 0xcf),
            "reconcile", new Color(0x1f, 0x77, 0xb4),
            "snapshot", new Color(0x2c, 0xa0, 0x2c));
    private static final List<Color> OTHERS = List.of(new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2),
            new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22), new Color(0x39, 0x3b, 0x79));

    private ChartStyle() {
    }

    /** The colour of a strategy: fixed for the built-in ones, from its name for others. */
    static Color colour(String strategy) {
        Color c = BUILT_IN.get(strategy);
        return c != null ? c : OTHERS.get(Math.floorMod(strategy.hashCode(), OTHERS.size()));
    }

    /** Line stroke of series. */
    static BasicStroke line() {
        return new BasicStroke(2.0f);
    }

    /**
     * Space around the chart, in pixels: the right side holds half of the widest last tick
     * label of a time axis ({@code 11.0}, {@code 120}) beyond the plot's end.
     */
    static final RectangleInsets PADDING = new RectangleInsets(4, 6, 4, 22);

    /** Tick sizes 1, 2 and 5 times 10^-2..10^9, each with as many decimals as it needs and no grouping. */
    private static final TickUnits PLAIN_TICKS = plainTicks();

    /** White background, light grid lines, readable fonts, room for labels, value axes from 0. */
    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(PADDING);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plain(plot);
        }
        valueAxes(chart.getPlot());
    }

    /**
     * Every figure drawn is a latency in ms or a count: from 0, at least 1 wide; latencies
     * written as in the tables ({@code 3000}, not {@code 3,000}).
     */
    private static void valueAxes(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot combined) {
            combined.getSubplots().forEach(ChartStyle::valueAxes);
        } else if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                if (xy.getRangeAxis(i) instanceof NumberAxis axis && !(axis instanceof SymbolAxis)) {
                    axis.setRangeType(RangeType.POSITIVE);
                    axis.setAutoRangeMinimumSize(1.0);
                    millis(axis);
                }
            }
        } else if (plot instanceof CategoryPlot category && category.getRangeAxis() instanceof NumberAxis axis) {
            millis(axis);
        }
    }

    /** Tick labels without thousands separators on an axis of milliseconds. */
    private static void millis(NumberAxis axis) {
        if (axis.getLabel() != null && axis.getLabel().endsWith("(ms)")) {
            axis.setStandardTickUnits(PLAIN_TICKS);
        }
    }

    private static TickUnits plainTicks() {
        TickUnits units = new TickUnits();
        for (int exponent = -2; exponent <= 9; exponent++) {
            for (int m : new int[] {1, 2, 5}) {
                int decimals = Math.max(0, -exponent);
                DecimalFormat format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                        DecimalFormatSymbols.getInstance(Locale.ROOT));
                units.add(new NumberTickUnit(m * Math.pow(10, exponent), format));
            }
        }
        return units;
    }

    static void plain(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setOutlineVisible(false);
    }

    /**
     * Shades the fault windows (seconds) behind the data of {@code plot}: a band between two edge
     * lines, which still show a window too short for its band to cover a pixel.
     */
    static void shadeFaults(XYPlot plot, List<FaultWindow> windows) {
        for (FaultWindow w : windows) {
            IntervalMarker marker = new IntervalMarker(w.start().toNanos() / 1e9, Math.max(w.end().toNanos(), w.start().toNanos()) / 1e9);
            marker.setPaint(FAULT);
            marker.setOutlinePaint(FAULT_EDGE);
            marker.setOutlineStroke(new BasicStroke(1.0f));
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
    }
}
