package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.StrategyResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A scenario's trade-off chart: each strategy of the first seed placed by its cost against its
 * correctness errors (top panel) and its peer-final p99 (bottom panel), labelled with its name;
 * the strategies on the frontier drawn filled and their labels starred, the others hollow. A
 * strategy is off the frontier when another dominates it: no worse on any plotted axis and better
 * on one, where better is the {@link TradeOff}'s verdict beyond the gate's noise for the errors
 * (better on one of their counts and worse on none), for peer-final p99 and for the cost when the
 * gate compares its total ({@link Axis#figure}), else plainly lower.
 * The cost is the first of {@link #COSTS} some strategy has; without one (a run without fault
 * windows, or written before it was recorded) a single panel places peer-final p99 against the
 * errors. The chart's alt text says the same in words ({@link #alt}).
 *
 * <p>Stateless; any thread, one chart per thread.
 */
final class TradeOffChart {
    /**
     * The cost figures a chart can place strategies by, the first that some strategy has is
     * used: one line per figure (lower is cheaper).
     */
    static final List<Axis> COSTS = List.of(
            new Axis("refetched messages per client recovery", "refetched", TradeOffChart::refetchedPerClient),
            new Axis("requests per client recovery", "requests", r -> r.cost() == null
                    || r.cost().requestsPerClient() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(r.cost().requestsPerClient())));
    /** What the error axis sums. */
    static final String ERRORS = "lost + duplicates + phantoms + inversions + stuck pending";
    /** The same counts as the gate and the trade-off name them. */
    private static final List<String> ERROR_FIGURES = List.of("lost", "duplicates", "phantoms", "inversions",
            "stuck-pending");
    /** The latency plotted, as the gate and the trade-off name it. */
    private static final String LATENCY_FIGURE = "peer-final p99 " + TradeOff.PHASE;
    /** The latency axis. */
    static final String LATENCY = "peer-final p99";
    /** Points closer than this share of each axis's extent share one label (they would overlap). */
    private static final double NEAR = 0.03;
    /** The frontier's mark on a label. */
    static final String FRONTIER = "*";

    private TradeOffChart() {
    }

    /**
     * A cost figure.
     *
     * @param name   what it is, as the axis and the sentence name it
     * @param figure the figure of its total that the gate compares beyond noise (when the results hold it), as the
     *               trade-off names it
     * @param value  a strategy's value, empty when its result does not have it
     */
    record Axis(String name, String figure, Function<StrategyResult, OptionalDouble> value) {
    }

    /**
     * One strategy on the chart.
     *
     * @param strategy    its name
     * @param cost        its cost on the chart's cost axis, NaN without one
     * @param errors      its correctness errors ({@link #ERRORS})
     * @param p99Nanos    its peer-final p99 over the whole run, +Infinity when never, -1 without samples
     * @param dominatedBy the strategies that dominate it (see the class); empty: on the frontier
     */
    record Point(String strategy, double cost, long errors, double p99Nanos, List<String> dominatedBy) {
        Point {
            dominatedBy = List.copyOf(dominatedBy);
        }

        /** Whether no strategy dominates it. */
        boolean frontier() {
            return dominatedBy.isEmpty();
        }

        /** Its label on the chart: the name, starred on the frontier. */
        String label() {
            return frontier() ? strategy + " " + FRONTIER : strategy;
        }
    }

    /**
     * What the chart shows.
     *
     * @param scenario the scenario
     * @param cost     the cost axis, empty when no strategy has a cost figure
     * @param points   every strategy placed, in the document's order
     */
    record Model(String scenario, Optional<Axis> cost, List<Point> points) {
        Model {
            points = List.copyOf(points);
        }

        /** The strategies on the frontier. */
        List<String> frontier() {
            return points.stream().filter(Point::frontier).map(Point::strategy).toList();
        }
    }

    /**
     * The chart's model of {@code run}, whose strategies stand as {@code tradeOff} says, empty with
     * fewer than two strategies (nothing to compare).
     */
    static Optional<Model> model(ScenarioSection.SeedRun run, TradeOff tradeOff) {
        List<StrategyResult> results = run.document().strategies();
        if (results.size() < 2) {
            return Optional.empty();
        }
        Optional<Axis> cost = COSTS.stream()
                .filter(a -> results.stream().anyMatch(r -> a.value().apply(r).isPresent())).findFirst();
        double[] costs = results.stream().mapToDouble(r -> cost.map(a -> a.value().apply(r)
                .orElse(Double.POSITIVE_INFINITY)).orElse(0.0)).toArray();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            StrategyResult r = results.get(i);
            List<String> by = new ArrayList<>();
            for (int j = 0; j < results.size(); j++) {
                if (j != i && dominates(tradeOff, cost, results.get(j).strategy(), costs[j], r.strategy(),
                        costs[i])) {
                    by.add(results.get(j).strategy());
                }
            }
            double c = cost.map(a -> a.value().apply(r).orElse(Double.NaN)).orElse(Double.NaN);
            points.add(new Point(r.strategy(), c, errors(r.correctness()), KeyFigures.of(r).peerFinalP99Nanos(), by));
        }
        return Optional.of(new Model(run.document().scenario(), cost, points));
    }

    /** Whether the trade-off compares the total of {@code cost}: the results hold it. */
    static boolean compared(TradeOff t, Axis cost) {
        return t.figures().stream().anyMatch(f -> f.figure().equals(cost.figure()));
    }

    /** The errors of a strategy: {@link #ERRORS}. */
    static long errors(CorrectnessFigures c) {
        return c.lost() + c.duplicates() + c.phantoms() + c.inversions() + c.stuckPending();
    }

    /**
     * Messages refetched per client recovery (a targeted client of a window): the sum over windows
     * of what their clients refetched over the sum of the clients they targeted, as the results'
     * cost figures hold it, computed from the windows in documents written before them; empty
     * without recovery figures.
     */
    static OptionalDouble refetchedPerClient(StrategyResult r) {
        if (r.cost() != null && r.cost().refetchedMessagesPerClient() != null) {
            return OptionalDouble.of(r.cost().refetchedMessagesPerClient());
        }
        long clients = r.recovery().stream().mapToLong(WindowRecovery::clients).sum();
        return clients == 0 ? OptionalDouble.empty() : OptionalDouble.of(
                (double) r.recovery().stream().mapToLong(w -> w.refetchedMessages().total()).sum() / clients);
    }

    /**
     * Whether {@code a} (cost {@code aCost}) dominates {@code b}: see the class. The cost is judged
     * by the trade-off when it compares the cost's total, else as measured.
     */
    private static boolean dominates(TradeOff t, Optional<Axis> cost, String a, double aCost, String b,
                                     double bCost) {
        if (cost.isPresent() && compared(t, cost.get())) {
            String figure = cost.get().figure();
            aCost = TradeOffText.beats(t, figure, b, a) ? 1 : 0;
            bCost = TradeOffText.beats(t, figure, a, b) ? 1 : 0;
        }
        boolean aErrors = ERROR_FIGURES.stream().anyMatch(f -> TradeOffText.beats(t, f, a, b));
        boolean bErrors = ERROR_FIGURES.stream().anyMatch(f -> TradeOffText.beats(t, f, b, a));
        boolean aLatency = TradeOffText.beats(t, LATENCY_FIGURE, a, b);
        boolean bLatency = TradeOffText.beats(t, LATENCY_FIGURE, b, a);
        return aCost <= bCost && !bErrors && !bLatency && (aCost < bCost || aErrors || aLatency);
    }

    /** The chart of {@code m}. */
    static JFreeChart chart(Model m) {
        List<Point> placed = m.points().stream().filter(p -> m.cost().isEmpty() || !Double.isNaN(p.cost())).toList();
        double top = placed.stream().mapToDouble(Point::p99Nanos).filter(p -> p >= 0 && !Double.isInfinite(p))
                .max().orElse(0) / 1e6;
        double never = top == 0 ? 1 : top * 1.15;
        JFreeChart chart;
        if (m.cost().isPresent()) {
            CombinedDomainXYPlot plot = new CombinedDomainXYPlot(domain(m.cost().get().name()));
            plot.setGap(14);
            plot.add(panel(placed, p -> p.cost(), p -> (double) p.errors(), new NumberAxis("errors")), 1);
            plot.add(panel(placed.stream().filter(p -> p.p99Nanos() >= 0).toList(), p -> p.cost(),
                    p -> Double.isInfinite(p.p99Nanos()) ? never : p.p99Nanos() / 1e6,
                    new NumberAxis(LATENCY + " (ms)")), 1);
            chart = new JFreeChart("cost, correctness and latency per strategy", JFreeChart.DEFAULT_TITLE_FONT,
                    plot, false);
        } else {
            XYPlot plot = panel(placed.stream().filter(p -> p.p99Nanos() >= 0 && !Double.isInfinite(p.p99Nanos()))
                            .toList(), p -> p.p99Nanos() / 1e6, p -> (double) p.errors(),
                    new NumberAxis("errors"));
            plot.setDomainAxis(domain(LATENCY + " (ms)"));
            chart = new JFreeChart("correctness and latency per strategy", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        }
        chart.addSubtitle(new TextTitle("errors: " + ERRORS + ". Filled, " + FRONTIER + ": on the frontier (no "
                + "other strategy is as good on every axis and better on one, beyond the gate's noise where it "
                + "compares them; lower is better)" + (m.cost().isPresent() ? "; a p99 that is never at the top"
                : "; a p99 that is never not drawn"),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        ChartStyle.apply(chart);
        return chart;
    }

    /** The largest value of {@code values} from 0, at least 1: an axis's extent as drawn. */
    private static double span(List<Double> values) {
        return Math.max(1, values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static NumberAxis domain(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        axis.setAutoRangeMinimumSize(1.0);
        axis.setUpperMargin(0.15);
        return axis;
    }

    /**
     * One panel: a series per strategy (its colour), a labelled point each, filled on the frontier;
     * strategies on about the same spot ({@link #NEAR}) share one label, the first's.
     */
    private static XYPlot panel(List<Point> points, Function<Point, Double> x, Function<Point, Double> y,
                                NumberAxis range) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            XYSeries series = new XYSeries(p.strategy(), false, true);
            series.add(x.apply(p), y.apply(p));
            data.addSeries(series);
            renderer.setSeriesPaint(i, ChartStyle.colour(p.strategy()));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
            renderer.setSeriesShapesFilled(i, p.frontier());
            renderer.setSeriesStroke(i, ChartStyle.line());
        }
        renderer.setUseFillPaint(false);
        boolean latency = range.getLabel().startsWith(LATENCY);
        double width = span(points.stream().map(x).toList());
        double height = span(points.stream().map(y).toList());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            List<String> here = new ArrayList<>();
            boolean first = true;
            for (int j = 0; j < points.size(); j++) {
                Point q = points.get(j);
                if (Math.abs(x.apply(q) - x.apply(p)) <= NEAR * width && Math.abs(y.apply(q) - y.apply(p))
                        <= NEAR * height) {
                    first &= j >= i;
                    here.add(q.label());
                }
            }
            labels.add(!first ? "" : String.join(", ", here)
                    + (latency && Double.isInfinite(p.p99Nanos()) ? " (never)" : ""));
        }
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> labels.get(series));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE1,
                TextAnchor.BOTTOM_LEFT));
        range.setUpperMargin(0.15);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        ChartStyle.plain(plot);
        return plot;
    }

    /** The alt text of the chart of {@code m}: every point in words, and who dominates whom. */
    static String alt(Model m) {
        String axes = m.cost().map(c -> c.name() + " against errors (" + ERRORS + ") and " + LATENCY)
                .orElse(LATENCY + " against errors (" + ERRORS + "), no cost figure in this run");
        List<String> parts = new ArrayList<>();
        for (Point p : m.points()) {
            List<String> figures = new ArrayList<>();
            m.cost().ifPresent(c -> figures.add(Double.isNaN(p.cost()) ? "no " + c.name()
                    : FigureText.count(round(p.cost())) + " " + c.name()));
            figures.add(p.errors() + " errors");
            figures.add(LATENCY + " " + (p.p99Nanos() < 0 ? "without samples" : FigureText.duration(p.p99Nanos())));
            parts.add(p.strategy() + ": " + String.join(", ", figures) + (p.frontier() ? ", on the frontier"
                    : ", dominated by " + RankingText.names(p.dominatedBy())));
        }
        return "Trade-off of " + m.scenario() + ", each strategy by " + axes + ". " + String.join("; ", parts) + ".";
    }

    /** A cost to one decimal, as the chart's labels and the sentence write it. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
