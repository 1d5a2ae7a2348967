package dev.livetalk.reports;

import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RoomResult;
import dev.livetalk.metrics.results.StrategyResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Paint;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Peer-final p99 per room (conversation), one bar per strategy, worst rooms first (each room
 * ranked by its worst strategy, {@link ConversationTable#WORST_FIRST}), at most {@link #ROOMS}
 * rooms. A p99 that is never (more than 1% of the room's deliveries never came) is drawn pale,
 * to the top of the axis, labelled never.
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class ConversationChart {
    /** Rooms drawn. */
    static final int ROOMS = 15;
    /** The alpha of a never p99's bar: pale, reaching the top of the axis. */
    private static final int NEVER_ALPHA = 90;

    private ConversationChart() {
    }

    /** The rooms drawn, worst first: each room ranked by its worst strategy. */
    static List<String> rooms(ScenarioSection.SeedRun run) {
        Map<String, RoomResult> worst = new LinkedHashMap<>();
        for (StrategyResult s : run.document().strategies()) {
            s.rooms().forEach(r -> worst.merge(r.room(), r,
                    (a, b) -> ConversationTable.WORST_FIRST.compare(a, b) <= 0 ? a : b));
        }
        return worst.values().stream().sorted(ConversationTable.WORST_FIRST).map(RoomResult::room).limit(ROOMS)
                .toList();
    }

    /** The chart, or null when no strategy has figures per room or no room had deliveries to peers. */
    static JFreeChart of(ScenarioSection.SeedRun run) {
        List<String> rooms = rooms(run);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> neverCells = new HashSet<>();
        double top = 0;
        for (StrategyResult s : run.document().strategies()) {
            for (RoomResult r : s.rooms()) {
                long p99 = ConversationTable.peerFinalP99(r);
                if (rooms.contains(r.room()) && p99 >= 0 && !Percentiles.isNever(p99)) {
                    top = Math.max(top, p99 / 1e6);
                }
            }
        }
        double neverHeight = top == 0 ? 1 : top * 1.15;
        for (StrategyResult s : run.document().strategies()) {
            for (String room : rooms) {
                RoomResult r = s.rooms().stream().filter(x -> x.room().equals(room)).findFirst().orElse(null);
                long p99 = r == null ? -1 : ConversationTable.peerFinalP99(r);
                if (Percentiles.isNever(p99)) {
                    neverCells.add(s.strategy() + '\u0000' + room);
                }
                data.addValue(p99 < 0 ? null : Percentiles.isNever(p99) ? neverHeight : p99 / 1e6, s.strategy(), room);
            }
        }
        if (top == 0 && neverCells.isEmpty()) {
            return null;
        }
        CategoryPlot plot = new CategoryPlot(data, axis(), new NumberAxis("peer-final p99 (ms)"),
                new NeverAwareRenderer(data, neverCells));
        plot.getRangeAxis().setUpperBound(neverHeight * 1.08);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart("peer-final p99 per room, worst rooms first", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        chart.addSubtitle(new TextTitle("over every intended delivery, corrected; a pale bar to the top: never (more "
                + "than 1% of the room's deliveries never came); at most " + ROOMS + " rooms"));
        ChartStyle.apply(chart);
        return chart;
    }

    private static CategoryAxis axis() {
        CategoryAxis axis = new CategoryAxis("room");
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return axis;
    }

    /** Bars in the strategy's colour, a never p99 pale and labelled never. */
    private static final class NeverAwareRenderer extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final transient DefaultCategoryDataset data;
        private final transient Set<String> neverCells;

        NeverAwareRenderer(DefaultCategoryDataset data, Set<String> neverCells) {
            this.data = data;
            this.neverCells = neverCells;
            setBarPainter(new StandardBarPainter());
            setShadowVisible(false);
            setItemMargin(0.05);
            for (int i = 0; i < data.getRowCount(); i++) {
                setSeriesPaint(i, ChartStyle.colour((String) data.getRowKey(i)));
            }
            setDefaultItemLabelGenerator(new NeverLabel(neverCells));
            setDefaultItemLabelsVisible(true);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            Color colour = ChartStyle.colour((String) data.getRowKey(row));
            return isNever(neverCells, data, row, column)
                    ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), NEVER_ALPHA) : colour;
        }
    }

    private static boolean isNever(Set<String> neverCells, CategoryDataset data, int row, int column) {
        return neverCells.contains(data.getRowKey(row) + "\u0000" + data.getColumnKey(column));
    }

    /** "never" on a never p99's bar, nothing on the others. */
    private static final class NeverLabel extends StandardCategoryItemLabelGenerator {
        private static final long serialVersionUID = 1L;
        private final transient Set<String> neverCells;

        NeverLabel(Set<String> neverCells) {
            this.neverCells = neverCells;
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            return isNever(neverCells, dataset, row, column) ? "never" : null;
        }
    }
}
