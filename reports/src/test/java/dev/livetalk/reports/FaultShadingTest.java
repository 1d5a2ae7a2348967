package dev.livetalk.reports;

import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LinkSelector;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault window stays visible on a time axis however short it is against the run: on an hour's
 * axis a 300 ms reset is a twentieth of a pixel wide, and a band that thin drew nothing, so the
 * soak's latency spikes showed with no fault beside them though the subtitle said "fault windows
 * shaded red".
 */
class FaultShadingTest {

    @Test
    void shouldDrawAFaultWindowFarNarrowerThanAPixelOnAnHoursAxis() {
        BufferedImage image = draw(3600, 1800.0, 1800.3);

        assertThat(reddestAlong(image, 1800.0)).as("red at the 300 ms window's place").isGreaterThan(40);
        assertThat(reddestAlong(image, 900.0)).as("no red where no window is").isLessThan(10);
    }

    @Test
    void shouldStillShadeAWideWindowAsABand() {
        BufferedImage image = draw(60, 20.0, 30.0);

        assertThat(reddestAlong(image, 25.0)).as("red inside a 10 s window on a minute's axis").isGreaterThan(20);
        assertThat(reddestAlong(image, 45.0)).as("no red after it").isLessThan(10);
    }

    private Rectangle2D area;
    private NumberAxis axis;

    private BufferedImage draw(double seconds, double from, double to) {
        XYSeries zero = new XYSeries("s");
        zero.add(0, 0);
        zero.add(seconds, 0);
        axis = new NumberAxis("seconds");
        axis.setRange(0, seconds);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, ChartStyle.colour("reconcile")); // blue: the renderer's own first colour is red
        XYPlot plot = new XYPlot(new XYSeriesCollection(zero), axis, new NumberAxis("ms"), line);
        ChartStyle.plain(plot);
        ChartStyle.shadeFaults(plot, List.of(window(from, to)));
        JFreeChart chart = new JFreeChart(plot);
        chart.removeLegend();
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(900, 300, info);
        area = info.getPlotInfo().getDataArea();
        return image;
    }

    /** The most a pixel of the plot's column at {@code second} (and its neighbours) leans to red. */
    private int reddestAlong(BufferedImage image, double second) {
        int x = (int) Math.round(axis.valueToJava2D(second, area, RectangleEdge.BOTTOM));
        int most = 0;
        for (int dx = -1; dx <= 1; dx++) {
            for (int y = (int) area.getMinY() + 5; y < (int) area.getMaxY() - 5; y++) {
                Color c = new Color(image.getRGB(x + dx, y));
                most = Math.max(most, c.getRed() - (c.getGreen() + c.getBlue()) / 2);
            }
        }
        return most;
    }

    private static FaultWindow window(double from, double to) {
        return new FaultWindow("flap", 0, Duration.ofNanos((long) (from * 1e9)), Duration.ofNanos((long) (to * 1e9)),
                new LatencyFault(Duration.ofMillis(200), Duration.ZERO), DirectionSelector.BOTH, List.of("user1"),
                LinkSelector.BOTH, false);
    }
}
