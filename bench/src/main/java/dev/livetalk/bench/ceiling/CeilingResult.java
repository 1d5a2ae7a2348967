package dev.livetalk.bench.ceiling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livetalk.metrics.results.Percentiles;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * What {@link CeilingBenchmark} measured: every round of every client count, the table per count
 * (median and range over the rounds) and the ceiling, the largest count that holds the
 * scheduling-lag budget ({@link #largestHolding}).
 *
 * <p>Immutable; any thread.
 *
 * @param clients     the client counts, ascending
 * @param rounds      every round played, in the order played
 * @param budgetNanos the scheduling-lag p99 budget, ns (10 ms: results.json's health limit)
 */
public record CeilingResult(List<Integer> clients, List<CeilingRound> rounds, long budgetNanos) {
    public CeilingResult {
        clients = List.copyOf(clients);
        rounds = List.copyOf(rounds);
        for (int count : clients) {
            if (rounds.stream().noneMatch(r -> r.clients() == count)) {
                throw new IllegalArgumentException("no round of " + count + " clients");
            }
        }
    }

    /** The rounds of {@code count} clients, in the order played. */
    public List<CeilingRound> roundsOf(int count) {
        return rounds.stream().filter(r -> r.clients() == count).toList();
    }

    /**
     * The ceiling: the largest client count {@code N} such that {@code N} and every smaller count
     * measured held the budget (scheduling-lag p99 at or below it), either in every round
     * ({@code everyRound}) or by the median over the rounds; empty when the smallest count did
     * not. A count that holds above one that missed does not raise it: a larger run holding by
     * luck after a smaller one missed is noise, not headroom.
     */
    public OptionalInt largestHolding(boolean everyRound) {
        OptionalInt largest = OptionalInt.empty();
        for (int count : clients) {
            List<CeilingRound> of = roundsOf(count);
            boolean holds = everyRound ? of.stream().allMatch(r -> r.holds(budgetNanos))
                    : median(of, r -> r.lagP99()) <= budgetNanos;
            if (!holds) {
                break;
            }
            largest = OptionalInt.of(count);
        }
        return largest;
    }

    /** The median of {@code figure} over {@code rounds} (the upper middle for an even count); NaN when every value is NaN. */
    public static double median(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> figure) {
        double[] values = rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double min(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> figure) {
        return rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    private static double max(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> figure) {
        return rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** The table per client count (median and range over rounds) and the ceiling line, as Markdown. */
    public void print(PrintWriter out) {
        out.println();
        out.println("| clients | rounds | lag p50 ms | lag p99 ms | lag max ms | holds 10 ms | peer-final p99 ms"
                + " | harness cores | toxiproxy cores | machine cores busy | others cores |");
        out.println("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        for (int count : clients) {
            List<CeilingRound> of = roundsOf(count);
            long held = of.stream().filter(r -> r.holds(budgetNanos)).count();
            out.printf(Locale.ROOT, "| %d | %d | %s | %s | %s | %d of %d | %s | %s | %s | %s | %s |%n", count, of.size(),
                    millis(of, r -> r.lagP50()), millis(of, r -> r.lagP99()), millis(of, r -> r.lagMax()),
                    held, of.size(), millis(of, r -> r.peerFinalP99() == Percentiles.NEVER ? Double.POSITIVE_INFINITY
                            : r.peerFinalP99()),
                    cores(of, r -> r.cpu().harness()), cores(of, r -> r.cpu().toxiproxy()),
                    cores(of, r -> r.cpu().machine()), cores(of, r -> r.cpu().others()));
        }
        out.println();
        out.println("Each cell: the median over the rounds, [the range] when more than one round.");
        out.printf(Locale.ROOT, "largest count holding the %s ms scheduling-lag p99 budget: %s, %s%n",
                trim(budgetNanos / 1e6), ceiling(true, "in every round"), ceiling(false, "in the median"));
    }

    /** One way of the ceiling line: {@code 200 in every round}, or {@code none in every round (50 clients missed it)}. */
    private String ceiling(boolean everyRound, String how) {
        OptionalInt largest = largestHolding(everyRound);
        return largest.isPresent() ? largest.getAsInt() + " " + how
                : "none " + how + " (" + clients.getFirst() + " clients missed it)";
    }

    private static String millis(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> nanos) {
        return cell(rounds, r -> nanos.applyAsDouble(r) / 1e6, "%.1f");
    }

    private static String cores(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> cores) {
        return cell(rounds, cores, "%.2f");
    }

    private static String cell(List<CeilingRound> rounds, ToDoubleFunction<CeilingRound> figure, String format) {
        double median = median(rounds, figure);
        if (Double.isNaN(median)) {
            return "n/a";
        }
        String text = value(median, format);
        if (rounds.size() > 1) {
            text += " [" + value(min(rounds, figure), format) + "-" + value(max(rounds, figure), format) + "]";
        }
        return text;
    }

    private static String value(double v, String format) {
        return Double.isInfinite(v) ? "never" : String.format(Locale.ROOT, format, v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The result as JSON for the record: {@code about} first (what was played, on what), then the
     * budget, the ceiling both ways ({@code null}: none), per count the median, min and max of each
     * figure, and every round. Times in milliseconds, CPU in cores; {@code null} where unknown
     * (Toxiproxy's CPU when it was not started by the harness) or never (a peer-final p99 that never came).
     */
    public String toJson(Map<String, Object> about) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "bench-ceiling");
        root.put("version", 1);
        root.putAll(about);
        root.put("budgetMillis", budgetNanos / 1e6);
        root.put("largestHoldingEveryRound", boxed(largestHolding(true)));
        root.put("largestHoldingMedian", boxed(largestHolding(false)));
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (int count : clients) {
            List<CeilingRound> of = roundsOf(count);
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("clients", count);
            size.put("rounds", of.size());
            size.put("roundsHolding", of.stream().filter(r -> r.holds(budgetNanos)).count());
            FIGURES.forEach((name, figure) -> {
                Map<String, Object> spread = new LinkedHashMap<>(); // null where unknown: no Map.of
                spread.put("median", number(median(of, figure)));
                spread.put("min", number(min(of, figure)));
                spread.put("max", number(max(of, figure)));
                size.put(name, spread);
            });
            sizes.add(size);
        }
        root.put("sizes", sizes);
        List<Map<String, Object>> played = new ArrayList<>();
        for (CeilingRound round : rounds) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("clients", round.clients());
            one.put("round", round.round());
            one.put("sends", round.sends());
            one.put("loadSeconds", round.cpu().wallSeconds());
            one.put("playSeconds", number(round.play()));
            one.put("beforeLoadSeconds", number(round.beforeLoad()));
            FIGURES.forEach((name, figure) -> one.put(name, number(figure.applyAsDouble(round))));
            played.add(one);
        }
        root.put("rounds", played);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ceiling's JSON", e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The figures of a round by their JSON name. */
    private static final Map<String, ToDoubleFunction<CeilingRound>> FIGURES = figures();

    private static Map<String, ToDoubleFunction<CeilingRound>> figures() {
        Map<String, ToDoubleFunction<CeilingRound>> figures = new LinkedHashMap<>();
        figures.put("lagP50Millis", r -> r.lagP50() / 1e6);
        figures.put("lagP99Millis", r -> r.lagP99() / 1e6);
        figures.put("lagMaxMillis", r -> r.lagMax() / 1e6);
        figures.put("peerFinalP99Millis", r -> r.peerFinalP99() == Percentiles.NEVER ? Double.NaN : r.peerFinalP99() / 1e6);
        figures.put("harnessCores", r -> r.cpu().harness());
        figures.put("toxiproxyCores", r -> r.cpu().toxiproxy());
        figures.put("machineCores", r -> r.cpu().machine());
        figures.put("machineBusyShare", r -> r.cpu().machineShare());
        figures.put("othersCores", r -> r.cpu().others());
        return figures;
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Double number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 1000) / 1000.0;
    }
}
