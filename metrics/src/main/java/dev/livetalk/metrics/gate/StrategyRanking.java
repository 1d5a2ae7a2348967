package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.RegressionVerdict.Change;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Which strategy of one scenario run is best on correctness and which on latency, and the
 * figures that decide it: the one decision that {@code index.html} and {@code summary.md}
 * render as a scenario's verdict paragraph (docs/METRICS.md, "Which strategy is best").
 *
 * <p>Strategies are compared in pairs; the best are those no other strategy beats.
 * <ul>
 *   <li>Correctness: a strategy is <em>correct</em> when lost, duplicates, phantoms, inversions
 *   and stuck pending are 0 and every client converged; a correct strategy beats one that is
 *   not. Between two that are not, the criteria are taken in the order {@link #CRITERIA}
 *   (lexicographic), and the first whose difference is beyond the count's own noise (the gate's
 *   rule for counts: more than the count tolerance and {@link BaselineComparison#countPValue}
 *   below {@link BaselineComparison#COUNT_SIGNIFICANCE}) decides; a difference within noise
 *   passes to the next criterion. Nothing decided: a tie when every criterion is equal, else
 *   indistinguishable.</li>
 *   <li>Latency: the corrected peer-final p99 (all phases) over every intended delivery;
 *   {@code never} (and a series without samples) ranks last, two nevers tie, equal values tie.
 *   Two values differ only when the difference is beyond the gate's practical threshold
 *   ({@link Tolerance#latencyRelative()}) and floor (the default floor raised to the calibrated
 *   noise floor and both runs' scheduling-lag p99) and, where both have at least
 *   {@link Tolerance#minIntervals()} interval histograms, significant by the gate's block
 *   bootstrap; without interval logs by threshold and floor alone ({@link Evidence}).</li>
 * </ul>
 * One strategy: no ranking ({@link Kind#ALONE}).
 *
 * <p>Immutable; any thread.
 *
 * @param seed        the seed of the run ranked
 * @param entries     the strategies that ran, in the document's order, with the figures compared
 * @param correctness the best on correctness, and why
 * @param latency     the best on latency, and why
 * @param tolerance   the thresholds latency was compared with (floor raised as described)
 */
public record StrategyRanking(long seed, List<Entry> entries, Outcome correctness, Outcome latency,
                              Tolerance tolerance) {
    /** The correctness criteria, most serious first; the order of the report's columns. */
    public static final List<Criterion> CRITERIA = List.of(
            new Criterion("lost", CorrectnessFigures::lost),
            new Criterion("duplicates", CorrectnessFigures::duplicates),
            new Criterion("phantoms", CorrectnessFigures::phantoms),
            new Criterion("inversions", CorrectnessFigures::inversions),
            new Criterion("stuck pending", CorrectnessFigures::stuckPending),
            new Criterion("clients not converged", f -> f.clients() - f.convergedClients()));
    /** The latency figure ranked. */
    public static final String LATENCY_FIGURE = "peer-final p99";

    public StrategyRanking {
        entries = List.copyOf(entries);
    }

    /** One correctness criterion: a count, 0 when correct. */
    public record Criterion(String name, ToLongFunction<CorrectnessFigures> count) {
    }

    /**
     * One strategy's figures as ranked.
     *
     * @param strategy    its name
     * @param correctness its correctness figures
     * @param peerFinal   its peer-final p99 in ns over every intended delivery, {@link Percentiles#NEVER}
     *                    when never, -1 without samples
     * @param never       deliveries that never came or never took their place
     * @param intended    intended deliveries
     */
    public record Entry(String strategy, CorrectnessFigures correctness, long peerFinal, long never, long intended) {
        /** Whether every correctness count is 0 and every client converged. */
        public boolean correct() {
            return CRITERIA.stream().allMatch(c -> c.count().applyAsLong(correctness) == 0);
        }

        /** Whether the latency figure has a value (not never, not without samples). */
        public boolean hasLatency() {
            return peerFinal >= 0 && !Percentiles.isNever(peerFinal);
        }
    }

    /** How a ranking came out. */
    public enum Kind {
        /** One strategy ran (or none finished: partial results): nothing to rank. */
        ALONE,
        /** One strategy beats every other. */
        WINNER,
        /** Several are best with exactly equal figures. */
        TIE,
        /** Several are best and their figures differ, but within the harness's noise. */
        INDISTINGUISHABLE
    }

    /** What decided a latency comparison. */
    public enum Evidence {
        /** Equal, or decided by never: no statistics needed. */
        NONE,
        /** Threshold, floor and the block bootstrap's interval over the interval logs. */
        BOOTSTRAP,
        /** Threshold and floor alone: too few interval histograms (or none). */
        THRESHOLD
    }

    /**
     * How one strategy stands against one of the best.
     *
     * @param strategy  the strategy compared
     * @param best      the best strategy it was compared with
     * @param relation  {@link Relation#BEATEN}, {@link Relation#TIE} or {@link Relation#INDISTINGUISHABLE}
     * @param criterion the criterion that decided (or the first that differed within noise), {@code null} for a tie
     * @param evidence  for latency, what decided; {@link Evidence#NONE} for correctness
     * @param low       for latency with the bootstrap, the lower bound of the relative change's interval, else NaN
     * @param high      likewise the upper bound
     * @param pValue    for correctness, the p-value of the count test on {@code criterion}, else NaN
     */
    public record Standing(String strategy, String best, Relation relation, String criterion, Evidence evidence,
                           double low, double high, double pValue) {
    }

    /** A strategy's relation to the best. */
    public enum Relation { BEATEN, TIE, INDISTINGUISHABLE }

    /**
     * The best on one axis.
     *
     * @param kind   how it came out
     * @param best   the best strategies (one for {@link Kind#WINNER} and {@link Kind#ALONE})
     * @param others every other strategy's standing against the first best one (the beaten), and,
     *               for a tie or indistinguishable, each further best one's against the first
     */
    public record Outcome(Kind kind, List<String> best, List<Standing> others) {
        public Outcome {
            best = List.copyOf(best);
            others = List.copyOf(others);
        }

        /** The standings of the strategies the best beat. */
        public List<Standing> beaten() {
            return others.stream().filter(s -> s.relation() == Relation.BEATEN).toList();
        }

        /** The standings among the best (ties and indistinguishable ones). */
        public List<Standing> close() {
            return others.stream().filter(s -> s.relation() != Relation.BEATEN).toList();
        }
    }

    /** The entry of {@code strategy}. */
    public Entry entry(String strategy) {
        return entries.stream().filter(e -> e.strategy().equals(strategy)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not ranked: " + strategy));
    }

    /**
     * The ranking of {@code document}'s strategies, latency compared with {@code intervals}
     * (the run's interval logs, {@link IntervalSource#NONE} without) under {@code tolerance}.
     */
    public static StrategyRanking of(ResultsDocument document, IntervalSource intervals, Tolerance tolerance) {
        List<Entry> entries = document.strategies().stream().map(StrategyRanking::entry).toList();
        long lag = document.strategies().stream().mapToLong(BaselineComparison::harnessLag).max().orElse(0);
        Tolerance latencyTolerance = tolerance.withLatencyFloorNanos(Math.max(tolerance.latencyFloorNanos(),
                Math.max(lag, BaselineComparison.noiseFloor(document))));
        Outcome correctness = outcome(entries, StrategyRanking::correctness);
        Outcome latency = outcome(entries, (a, b) -> latency(a, b, intervals, latencyTolerance));
        return new StrategyRanking(document.seed(), entries, correctness, latency, latencyTolerance);
    }

    private static Entry entry(StrategyResult result) {
        LatencyFigures f = result.latency("peer-final", "all");
        long p99 = f == null || f.intended() == 0 ? -1 : f.corrected().p99();
        return new Entry(result.strategy(), result.correctness(), p99, f == null ? 0 : f.never(),
                f == null ? 0 : f.intended());
    }

    /** The comparison of two entries: who is better, or that nothing decides. */
    private record Comparison(int sign, Relation relation, String criterion, Evidence evidence, double low,
                              double high, double pValue) {
        static Comparison tie() {
            return new Comparison(0, Relation.TIE, null, Evidence.NONE, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private interface Comparator {
        /** Negative sign: {@code a} is better. */
        Comparison compare(Entry a, Entry b);
    }

    private static Outcome outcome(List<Entry> entries, Comparator comparator) {
        if (entries.size() <= 1) { // none when the run stopped before a strategy finished (partial results)
            return new Outcome(Kind.ALONE, entries.stream().map(Entry::strategy).toList(), List.of());
        }
        int n = entries.size();
        Comparison[][] table = new Comparison[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Comparison c = comparator.compare(entries.get(i), entries.get(j));
                table[i][j] = c;
                table[j][i] = new Comparison(-c.sign(), c.relation(), c.criterion(), c.evidence(), c.low(), c.high(),
                        c.pValue());
            }
        }
        List<Integer> best = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean beaten = false;
            for (int j = 0; j < n; j++) {
                beaten |= j != i && table[i][j].sign() > 0;
            }
            if (!beaten) {
                best.add(i);
            }
        }
        if (best.isEmpty()) { // a cycle of noisy comparisons: nobody stands out
            for (int i = 0; i < n; i++) {
                best.add(i);
            }
        }
        int first = best.get(0);
        List<Standing> others = new ArrayList<>();
        boolean exact = true;
        for (int k = 1; k < best.size(); k++) {
            int i = best.get(k);
            Comparison c = table[first][i];
            Relation relation = c.relation() == Relation.TIE ? Relation.TIE : Relation.INDISTINGUISHABLE;
            exact &= relation == Relation.TIE;
            others.add(standing(entries.get(i), entries.get(first), relation, c));
        }
        for (int i = 0; i < n; i++) {
            if (!best.contains(i)) {
                int by = first;
                for (int b : best) { // the first of the best that beats it
                    if (table[b][i].sign() < 0) {
                        by = b;
                        break;
                    }
                }
                others.add(standing(entries.get(i), entries.get(by), Relation.BEATEN, table[by][i]));
            }
        }
        Kind kind = best.size() == 1 ? Kind.WINNER : exact ? Kind.TIE : Kind.INDISTINGUISHABLE;
        return new Outcome(kind, best.stream().map(i -> entries.get(i).strategy()).toList(), others);
    }

    private static Standing standing(Entry who, Entry best, Relation relation, Comparison c) {
        return new Standing(who.strategy(), best.strategy(), relation, c.criterion(), c.evidence(), c.low(), c.high(),
                c.pValue());
    }

    /** Correct beats not correct; else the first criterion whose difference is beyond count noise. */
    private static Comparison correctness(Entry a, Entry b) {
        if (a.correct() != b.correct()) {
            Entry wrong = a.correct() ? b : a;
            String criterion = CRITERIA.stream().filter(c -> c.count().applyAsLong(wrong.correctness()) > 0)
                    .findFirst().orElseThrow().name();
            return new Comparison(a.correct() ? -1 : 1, Relation.BEATEN, criterion, Evidence.NONE, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        String firstWithinNoise = null;
        double firstP = Double.NaN;
        for (Criterion criterion : CRITERIA) {
            long x = criterion.count().applyAsLong(a.correctness());
            long y = criterion.count().applyAsLong(b.correctness());
            if (x == y) {
                continue;
            }
            double p = BaselineComparison.countPValue(Math.min(x, y), Math.max(x, y));
            if (p < BaselineComparison.COUNT_SIGNIFICANCE) {
                return new Comparison(x < y ? -1 : 1, Relation.BEATEN, criterion.name(), Evidence.NONE, Double.NaN,
                        Double.NaN, p);
            }
            if (firstWithinNoise == null) {
                firstWithinNoise = criterion.name();
                firstP = p;
            }
        }
        return firstWithinNoise == null ? Comparison.tie()
                : new Comparison(0, Relation.INDISTINGUISHABLE, firstWithinNoise, Evidence.NONE, Double.NaN,
                        Double.NaN, firstP);
    }

    /**
     * Whether two latencies in ns differ by more than the practical threshold and the floor of
     * {@code tolerance}, the change measured from the lower one: the first test of the latency
     * comparison, before the bootstrap where there are interval logs.
     */
    public static boolean beyondThreshold(long x, long y, Tolerance tolerance) {
        long lower = Math.min(x, y);
        long higher = Math.max(x, y);
        return BlockBootstrap.relativeChange(lower, higher) > tolerance.latencyRelative()
                && higher - lower >= tolerance.latencyFloorNanos();
    }

    /** Lower peer-final p99 wins when the difference is beyond the gate's threshold, floor and (with logs) bootstrap. */
    private static Comparison latency(Entry a, Entry b, IntervalSource intervals, Tolerance tolerance) {
        if (!a.hasLatency() || !b.hasLatency()) {
            if (a.hasLatency() == b.hasLatency()) {
                return Comparison.tie(); // both never (or both without samples): never ranks last, together
            }
            return new Comparison(a.hasLatency() ? -1 : 1, Relation.BEATEN, LATENCY_FIGURE, Evidence.NONE, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        if (a.peerFinal() == b.peerFinal()) {
            return Comparison.tie();
        }
        if (a.peerFinal() > b.peerFinal()) {
            // the lower value is the baseline the change is measured from, whatever the document's
            // order: 300 ms against 332 ms is +10.7% from 300 (beyond 10%) but -9.6% from 332
            Comparison c = latency(b, a, intervals, tolerance);
            return new Comparison(-c.sign(), c.relation(), c.criterion(), c.evidence(), c.low(), c.high(), c.pValue());
        }
        IntervalSeries before = intervals.corrected(a.strategy(), "peer-final", "all");
        IntervalSeries after = intervals.corrected(b.strategy(), "peer-final", "all");
        boolean logged = intervals.available() && before.size() >= tolerance.minIntervals()
                && after.size() >= tolerance.minIntervals();
        Change change;
        double low = Double.NaN;
        double high = Double.NaN;
        if (logged) {
            long seed = tolerance.seed() * 1_000_003L + (a.strategy() + "/" + b.strategy() + "/ranking").hashCode();
            BlockBootstrap.Estimate e = BlockBootstrap.compare(new BlockBootstrap.Sample(before, a.never()),
                    new BlockBootstrap.Sample(after, b.never()), new double[] {99}, tolerance.resamples(),
                    tolerance.confidence(), seed)[0];
            low = e.low();
            high = e.high();
            // a as the baseline, b as the current run: the gate's own verdict on the change, with the
            // recorded p99s (the document's figures) as the values compared
            change = new LatencyChange(b.strategy(), LATENCY_FIGURE, 99, a.peerFinal(), b.peerFinal(), low, high,
                    Double.NaN, null).change(tolerance, false);
        } else {
            change = beyondThreshold(a.peerFinal(), b.peerFinal(), tolerance) ? Change.REGRESSION : Change.WITHIN_NOISE;
        }
        Evidence evidence = logged ? Evidence.BOOTSTRAP : Evidence.THRESHOLD;
        return switch (change) {
            case REGRESSION -> new Comparison(-1, Relation.BEATEN, LATENCY_FIGURE, evidence, low, high, Double.NaN);
            case IMPROVEMENT -> new Comparison(1, Relation.BEATEN, LATENCY_FIGURE, evidence, low, high, Double.NaN);
            default -> new Comparison(0, Relation.INDISTINGUISHABLE, LATENCY_FIGURE, evidence, low, high, Double.NaN);
        };
    }
}
