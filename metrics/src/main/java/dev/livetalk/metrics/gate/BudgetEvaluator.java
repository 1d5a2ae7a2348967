package dev.livetalk.metrics.gate;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.ConvergenceTimes;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.drift.DriftMinute;
import dev.livetalk.metrics.drift.MinuteLatency;
import dev.livetalk.metrics.recovery.RecoveryReport;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.scenarios.budget.Aggregation;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;
import dev.livetalk.scenarios.budget.RoomScope;
import dev.livetalk.scenarios.budget.Threshold;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Evaluates a scenario's budgets against one strategy's measurement. Latency budgets look at
 * the corrected figures (from the intended send time) of their phase over every intended
 * delivery, where one that never came counts as +infinity ({@link Percentiles}): a budget whose
 * figure is never fails and says how many never came; a latency budget without any intended
 * sample fails (nothing was measured); a convergence budget fails when its figure
 * falls on a client that never converged, and holds without fault windows; so does a recovery
 * budget on a window that never recovered, and without windows. Latency figures are
 * HdrHistogram's highest equivalent values (up to 0.1% above the sample: conservative). A drift
 * budget ({@code scheduling-lag p(99) drift < 20%}) looks at the run's drift block
 * ({@link Drift}): the change of the figure from the first full minute to the last, in percent of
 * the first; it fails, saying why, without a drift block, without samples in either minute, or
 * when the first minute's figure is 0 and the last's is not (no relative change from 0).
 *
 * <p>Stateless; any thread.
 */
public final class BudgetEvaluator {
    private BudgetEvaluator() {
    }

    /**
     * The verdicts of the budgets that apply to the measured strategy, in budget order, for a run
     * without a drift block (a drift budget fails, saying so).
     */
    public static List<BudgetVerdict> evaluate(List<Budget> budgets, Measurement measurement) {
        return evaluate(budgets, measurement, null);
    }

    /**
     * The verdicts of the budgets that apply to the measured strategy, in budget order; drift
     * budgets look at {@code drift} ({@code null}: the run has no drift block).
     */
    public static List<BudgetVerdict> evaluate(List<Budget> budgets, Measurement measurement, Drift drift) {
        List<BudgetVerdict> verdicts = new ArrayList<>();
        for (Budget budget : budgets) {
            if (budget.appliesTo(measurement.strategy())) {
                verdicts.add(budget.drift() ? drift(budget, measurement.strategy(), drift)
                        : evaluate(budget, measurement));
            }
        }
        return verdicts;
    }

    /**
     * The verdict of one budget: over the figures summed over rooms, one room's, or each room's
     * (then the worst room's verdict, see {@link RoomVerdicts#worst}). A drift budget fails here:
     * it needs the run's drift block ({@link #evaluate(List, Measurement, Drift)}).
     */
    public static BudgetVerdict evaluate(Budget budget, Measurement measurement) {
        if (budget.drift()) {
            return drift(budget, measurement.strategy(), null);
        }
        return switch (budget.room()) {
            case RoomScope.Summed s -> evaluate(budget, Subject.summed(measurement));
            case RoomScope.Named n -> RoomVerdicts.named(budget, measurement, n.room());
            case RoomScope.Each e -> RoomVerdicts.each(budget, measurement);
        };
    }

    /** The verdict of one budget over the figures of {@code subject}, whatever its room scope. */
    static BudgetVerdict evaluate(Budget budget, Subject subject) {
        if (budget.metric().isRecovery()) {
            return recovery(budget, subject);
        }
        return switch (budget.metric().kind()) {
            case LATENCY -> latency(budget, subject);
            case CONVERGENCE_TIME -> convergence(budget, subject.strategy(), subject.convergence());
            case COUNT -> figure(budget, subject.strategy(), count(budget.metric(), subject.figures()));
            case CONVERGED_SHARE -> figure(budget, subject.strategy(),
                    budget.threshold().unit() == Threshold.Unit.PERCENT
                            ? subject.figures().convergedShare()
                            : subject.figures().convergedClients());
            case RECOVERY_TIME, PER_CLIENT_COUNT -> throw new IllegalArgumentException("not a figure of a room: "
                    + budget.expression());
        };
    }

    /** A budget on the recovery figures of the fault windows ({@link RecoveryReport}). */
    private static BudgetVerdict recovery(Budget budget, Subject subject) {
        RecoveryReport recovery = subject.recovery();
        if (recovery == null) {
            throw new IllegalArgumentException("recovery figures are kept for the whole run, not per room: "
                    + budget.expression());
        }
        return switch (budget.metric()) {
            case RECOVERY -> recoveryTime(budget, subject.strategy(), recovery);
            case ACKED_LOST -> figure(budget, subject.strategy(), recovery.ackedLost());
            case RECONNECT_PEAK -> figure(budget, subject.strategy(), recovery.reconnectPeak());
            case SERVER_PEAK -> figure(budget, subject.strategy(), recovery.serverPeak());
            case REQUESTS -> figure(budget, subject.strategy(), switch (budget.aggregation()) {
                case Aggregation.Percentile p -> recovery.requests(p.percentile());
                case Aggregation.Max m -> recovery.requests(100.0);
                case Aggregation.Min m -> recovery.requestsMin();
                case Aggregation.Value v -> throw new IllegalArgumentException("requests needs an aggregation: "
                        + budget.expression());
            }, worstOf(recovery));
            case REFETCHED -> figure(budget, subject.strategy(), switch (budget.aggregation()) {
                case Aggregation.Percentile p -> recovery.refetched(p.percentile());
                case Aggregation.Max m -> recovery.refetched(100.0);
                case Aggregation.Min m -> recovery.refetchedMin();
                case Aggregation.Value v -> throw new IllegalArgumentException("refetched needs an aggregation: "
                        + budget.expression());
            }, worstOf(recovery));
            default -> throw new IllegalArgumentException("not a recovery figure: " + budget.metric().expressionName());
        };
    }

    private static String worstOf(RecoveryReport recovery) {
        return recovery.windows().isEmpty() ? " (no fault windows)" : " (worst of " + recovery.windows().size()
                + (recovery.windows().size() == 1 ? " window)" : " windows)");
    }

    /**
     * A budget on the windows' recovery times; its message names the window whose time is the figure (the
     * first that never recovered, for never) and the client that held it back ({@link WindowRecovery#heldBackBy}).
     */
    private static BudgetVerdict recoveryTime(Budget budget, String strategy, RecoveryReport recovery) {
        return timeOverWindows(budget, strategy, recovery.recoveryTimes(), "recovery",
                windows -> (windows == 1 ? " window" : " windows") + " never recovered: a client never converged"
                        + heldBackBy(budget, recovery, null).map(why -> "; " + why).orElse("") + "), budget ",
                observed -> heldBackBy(budget, recovery, observed).map(why -> " (" + why + ")").orElse(""));
    }

    /**
     * "deploy #5: user023 back after 10.7s": the first window whose recovery is {@code observed} (never:
     * {@code null}) that says what held it back (a window without targeted clients does not), its times in the
     * budget's unit; empty when none says.
     */
    private static Optional<String> heldBackBy(Budget budget, RecoveryReport recovery, Long observed) {
        return recovery.windows().stream()
                .filter(w -> Objects.equals(w.recovery(), observed))
                .flatMap(w -> w.heldBackBy(nanos -> Figures.format(nanos, budget.threshold().unit()))
                        .map(why -> w.fault() + " #" + w.occurrence() + ": " + why).stream())
                .findFirst();
    }

    private static BudgetVerdict latency(Budget budget, Subject measurement) {
        var series = measurement.latency().series(budget.metric(), budget.phase());
        Histogram h = series.corrected();
        long never = series.never();
        long intended = h.getTotalCount() + never;
        if (intended == 0) {
            return new BudgetVerdict(budget.expression(), measurement.strategy(), null, "ns", false,
                    subject(budget) + ": no samples, budget " + rule(budget));
        }
        long observed = switch (budget.aggregation()) {
            case Aggregation.Percentile p -> Percentiles.valueAt(h, never, p.percentile());
            case Aggregation.Max m -> never > 0 ? Percentiles.NEVER : h.getMaxValue();
            case Aggregation.Min m -> h.getTotalCount() == 0 ? Percentiles.NEVER : h.getMinValue();
            case Aggregation.Value v -> throw new IllegalArgumentException("a latency budget needs an aggregation: "
                    + budget.expression());
        };
        String cameNot = " (" + never + " of " + intended + " never came)";
        if (Percentiles.isNever(observed)) {
            return new BudgetVerdict(budget.expression(), measurement.strategy(), null, "ns", false,
                    subject(budget) + " = never" + cameNot + ", budget " + rule(budget));
        }
        return figure(budget, measurement.strategy(), observed, never == 0 ? "" : cameNot);
    }

    /**
     * A drift budget: the change of the budget's figure (p50, p99 or max of the minute) from the
     * first full minute to the last, in percent of the first.
     */
    static BudgetVerdict drift(Budget budget, String strategy, Drift drift) {
        String subject = subject(budget) + " drift";
        if (drift == null) {
            return new BudgetVerdict(budget.expression(), strategy, null, "%", false, subject + ": the run has no "
                    + "drift block (it needs " + Drift.MIN_MINUTES + " full minutes of load after the warm-up), budget "
                    + rule(budget));
        }
        String metric = budget.metric().expressionName();
        DriftMinute firstMinute = drift.minutes().get(0);
        DriftMinute lastMinute = drift.minutes().get(drift.minutes().size() - 1);
        MinuteLatency first = firstMinute.latency(metric);
        MinuteLatency last = lastMinute.latency(metric);
        String minutes = " (minute 1 and minute " + (lastMinute.minute() + 1) + " of " + drift.minutes().size() + ")";
        if (first.count() == 0 || last.count() == 0) {
            return new BudgetVerdict(budget.expression(), strategy, null, "%", false, subject + ": no samples in the "
                    + (first.count() == 0 ? "first" : "last") + " full minute" + minutes + ", budget " + rule(budget));
        }
        long from = minuteFigure(budget, first);
        long to = minuteFigure(budget, last);
        String figures = " (" + Figures.duration(from) + " in the first full minute, " + Figures.duration(to)
                + " in the last" + minutes + ")";
        Double change = Drift.changePercent(from, to);
        if (change == null) {
            return new BudgetVerdict(budget.expression(), strategy, null, "%", false, subject + ": no relative change"
                    + " from 0" + figures + ", budget " + rule(budget));
        }
        boolean passed = budget.holds(change);
        return new BudgetVerdict(budget.expression(), strategy, change, "%", passed, subject + " = "
                + String.format(java.util.Locale.ROOT, "%+.1f%%", change) + figures + ", budget " + rule(budget));
    }

    private static long minuteFigure(Budget budget, MinuteLatency minute) {
        return switch (budget.aggregation()) {
            case Aggregation.Max m -> minute.max();
            case Aggregation.Percentile p when p.percentile() == 50.0 -> minute.p50();
            case Aggregation.Percentile p when p.percentile() == 99.0 -> minute.p99();
            default -> throw new IllegalArgumentException("drift is kept per minute as p(50), p(99) and max: "
                    + budget.expression());
        };
    }

    private static BudgetVerdict convergence(Budget budget, String strategy, ConvergenceTimes times) {
        return timeOverWindows(budget, strategy, times, "convergence", samples -> " never converged), budget ",
                observed -> "");
    }

    /**
     * A time per fault window (convergence, recovery): holds without windows, never when one never ended;
     * {@code note} of the figure follows it in the message.
     */
    private static BudgetVerdict timeOverWindows(Budget budget, String strategy, ConvergenceTimes times, String metric,
                                                 LongFunction<String> neverTail,
                                                 LongFunction<String> note) {
        if (times.samples() == 0) {
            return new BudgetVerdict(budget.expression(), strategy, null, "ns", true,
                    subject(budget) + ": no fault windows, budget " + rule(budget) + " holds");
        }
        OptionalLong observed = switch (budget.aggregation()) {
            case Aggregation.Percentile p -> times.percentile(p.percentile());
            case Aggregation.Max m -> times.max();
            case Aggregation.Min m -> times.min();
            case Aggregation.Value v -> throw new IllegalArgumentException(metric + " needs an aggregation: "
                    + budget.expression());
        };
        if (observed.isEmpty()) {
            return new BudgetVerdict(budget.expression(), strategy, null, "ns", false, subject(budget)
                    + " = never (" + times.neverConverged() + " of " + times.samples() + neverTail.apply(times.samples())
                    + rule(budget));
        }
        return figure(budget, strategy, observed.getAsLong(), note.apply(observed.getAsLong()));
    }

    private static BudgetVerdict figure(Budget budget, String strategy, double observed) {
        return figure(budget, strategy, observed, "");
    }

    /** The verdict of {@code observed}; {@code note} follows the figure in the message. */
    private static BudgetVerdict figure(Budget budget, String strategy, double observed, String note) {
        boolean passed = budget.holds(observed);
        String unit = budget.metric().isTime() ? "ns" : budget.threshold().unit() == Threshold.Unit.PERCENT ? "%" : "";
        return new BudgetVerdict(budget.expression(), strategy, observed, unit, passed,
                subject(budget) + " = " + Figures.format(observed, budget.threshold().unit()) + note + ", budget "
                        + rule(budget));
    }

    private static double count(Metric metric, CorrectnessFigures f) {
        return switch (metric) {
            case LOST -> f.lost();
            case DUPLICATES -> f.duplicates();
            case PHANTOMS -> f.phantoms();
            case INVERSIONS -> f.inversions();
            case MOVES -> f.moves();
            case CAUSAL_VIOLATIONS -> f.causalViolations();
            case STUCK_PENDING -> f.stuckPending();
            case UNFOUNDED_DELIVERED -> f.unfoundedDelivered();
            case UNFOUNDED_READ -> f.unfoundedRead();
            case STATUS_AHEAD -> f.statusAhead();
            case STATUS_BACKWARDS -> f.statusBackwards();
            case MISSING_ECHOES -> f.missingEchoes();
            default -> throw new IllegalArgumentException("not a count: " + metric.expressionName());
        };
    }

    /** {@code peer-final p(99) during}: what the budget looks at. */
    static String subject(Budget budget) {
        StringBuilder s = new StringBuilder(budget.metric().expressionName());
        switch (budget.aggregation()) {
            case Aggregation.Percentile p -> s.append(" p(").append(Figures.plain(p.percentile())).append(')');
            case Aggregation.Max m -> s.append(" max");
            case Aggregation.Min m -> s.append(" min");
            case Aggregation.Value v -> { }
        }
        if (budget.phase() != Phase.ALL) {
            s.append(' ').append(budget.phase().expressionName());
        }
        return s.toString();
    }

    static String rule(Budget budget) {
        return budget.comparison().symbol() + " " + budget.threshold();
    }
}
