package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.ClientConvergence;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.metrics.correctness.CorrectnessInterval;
import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.correctness.RoomCorrectness;
import dev.livetalk.metrics.drift.Drift;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.latency.LatencySeries;
import dev.livetalk.metrics.recovery.CostFigures;
import dev.livetalk.metrics.recovery.WindowRecovery;
import dev.livetalk.scenarios.budget.Metric;
import dev.livetalk.scenarios.budget.Phase;

import java.util.ArrayList;
import java.util.List;

/**
 * One strategy's part of the results document.
 *
 * <p>Immutable; any thread.
 *
 * @param strategy    the strategy's name
 * @param correctness the summed correctness figures
 * @param latency     per latency metric and phase, the percentiles over intended deliveries and over
 *                    completed ones only
 * @param budgets     the verdicts of the budgets that apply to it
 * @param examples    the first few errors of each kind
 * @param hlogs       its interval logs, relative to the document
 * @param convergenceByClient per fault window and client it targeted, when the client converged
 *                    (window ends since the end of the warm-up); empty in documents written before
 *                    it was recorded
 * @param correctnessOverTime per interval of 1 s from the end of the warm-up, what the clients
 *                    displayed at its end, summed; empty in documents written before it was recorded
 * @param rooms       per room (conversation), sorted by name, its correctness and latency figures;
 *                    empty in documents written before they were recorded
 * @param recovery    per fault window in start order, its recovery figures; empty without windows and in
 *                    documents written before they were recorded
 * @param ackedLost   acknowledged messages missing from the server's final log over the run; {@code null} in
 *                    documents written before it was recorded
 * @param cost        what the fault windows cost, summed over them and per client recovery; {@code null} in
 *                    documents written before it was recorded
 * @param drift       per full minute after the warm-up, the latency and correctness figures and per metric
 *                    the trend (docs/METRICS.md, "Drift"); {@code null} (and absent from the document) for a
 *                    run under {@value Drift#MIN_MINUTES} full minutes and in documents written before it was
 *                    recorded
 * @param lateSends   the sends the load generator made later than the harness-health limit (scheduling lag
 *                    over {@link Health#SCHEDULING_LAG_LIMIT_NANOS}, counted from the scheduling-lag histogram as
 *                    its percentiles show it, {@link Percentiles#countAbove}); {@code null} (and absent from the
 *                    document) in documents written before it was recorded
 */
public record StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                             List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                             List<ClientConvergence> convergenceByClient,
                             List<CorrectnessInterval> correctnessOverTime, List<RoomResult> rooms,
                             List<WindowRecovery> recovery, Long ackedLost, CostFigures cost,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Drift drift,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long lateSends) {
    @JsonCreator
    public StrategyResult {
        recovery = recovery == null ? List.of() : List.copyOf(recovery);
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        latency = List.copyOf(latency);
        budgets = List.copyOf(budgets);
        examples = List.copyOf(examples);
        hlogs = List.copyOf(hlogs);
        convergenceByClient = convergenceByClient == null ? List.of() : List.copyOf(convergenceByClient);
        correctnessOverTime = correctnessOverTime == null ? List.of() : List.copyOf(correctnessOverTime);
        if (lateSends != null && lateSends < 0) {
            throw new IllegalArgumentException("late sends must be >= 0: " + lateSends);
        }
    }

    /** A result without the count of late sends (as older documents hold). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                          List<ClientConvergence> convergenceByClient, List<CorrectnessInterval> correctnessOverTime,
                          List<RoomResult> rooms, List<WindowRecovery> recovery, Long ackedLost, CostFigures cost,
                          Drift drift) {
        this(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient, correctnessOverTime,
                rooms, recovery, ackedLost, cost, drift, null);
    }

    /** A result without a drift block (a run under {@value Drift#MIN_MINUTES} full minutes, older documents). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                          List<ClientConvergence> convergenceByClient, List<CorrectnessInterval> correctnessOverTime,
                          List<RoomResult> rooms, List<WindowRecovery> recovery, Long ackedLost, CostFigures cost) {
        this(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient, correctnessOverTime,
                rooms, recovery, ackedLost, cost, (Drift) null);
    }

    /** A result without cost figures (as older documents hold). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                          List<ClientConvergence> convergenceByClient, List<CorrectnessInterval> correctnessOverTime,
                          List<RoomResult> rooms, List<WindowRecovery> recovery, Long ackedLost) {
        this(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient, correctnessOverTime,
                rooms, recovery, ackedLost, null);
    }

    /** A result without recovery figures (as older documents hold). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                          List<ClientConvergence> convergenceByClient, List<CorrectnessInterval> correctnessOverTime,
                          List<RoomResult> rooms) {
        this(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient, correctnessOverTime,
                rooms, List.of(), null);
    }

    /** A result without figures per room (as older documents hold). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs,
                          List<ClientConvergence> convergenceByClient, List<CorrectnessInterval> correctnessOverTime) {
        this(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient, correctnessOverTime,
                List.of());
    }

    /** A result without convergence per client nor correctness over time (as older documents hold). */
    public StrategyResult(String strategy, CorrectnessFigures correctness, List<LatencyFigures> latency,
                          List<BudgetVerdict> budgets, List<Example> examples, List<String> hlogs) {
        this(strategy, correctness, latency, budgets, examples, hlogs, List.of(), List.of());
    }

    /** The result of a measurement with its budget verdicts and interval log paths, without a drift block. */
    public static StrategyResult of(Measurement measurement, List<BudgetVerdict> budgets, List<String> hlogs) {
        return of(measurement, budgets, hlogs, null);
    }

    /**
     * The result of a measurement with its budget verdicts, interval log paths and drift block
     * ({@link Drift#of(Measurement, java.time.Duration)}; {@code null} for none).
     */
    public static StrategyResult of(Measurement measurement, List<BudgetVerdict> budgets, List<String> hlogs,
                                    Drift drift) {
        return new StrategyResult(measurement.strategy(), measurement.correctness().figures(),
                latencyOf(measurement.latency()), budgets, measurement.correctness().examples(), hlogs,
                measurement.correctness().byClient(), measurement.correctness().overTime(), roomsOf(measurement),
                measurement.recovery().windows(), measurement.recovery().ackedLost(), measurement.recovery().cost(),
                drift, lateSends(measurement.latency()));
    }

    /** The sends whose scheduling lag is over the harness-health limit, over the whole run. */
    private static long lateSends(LatencyReport report) {
        LatencySeries lag = report.series(Metric.SCHEDULING_LAG, Phase.ALL);
        return Percentiles.countAbove(lag.corrected(), lag.never(), Health.SCHEDULING_LAG_LIMIT_NANOS);
    }

    /** Every room with a member client, with its latency figures (all 0 for a room without samples). */
    private static List<RoomResult> roomsOf(Measurement measurement) {
        List<RoomResult> rooms = new ArrayList<>();
        for (RoomCorrectness room : measurement.correctness().byRoom()) {
            LatencyReport latency = measurement.latency().rooms().get(room.room());
            rooms.add(new RoomResult(room.room(), room.figures(),
                    latencyOf(latency != null ? latency : measurement.latency().emptyLike())));
        }
        return rooms;
    }

    private static List<LatencyFigures> latencyOf(LatencyReport report) {
        List<LatencyFigures> latency = new ArrayList<>();
        for (var metric : LatencyReport.METRICS) {
            for (var phase : LatencyReport.PHASES) {
                LatencySeries series = report.series(metric, phase);
                latency.add(LatencyFigures.of(metric.expressionName(), phase.expressionName(), series.corrected(),
                        series.raw(), series.never()));
            }
        }
        return latency;
    }

    /**
     * This result with its examples' times counted from {@code origin} on the trace clock: the
     * runners move them onto the fault schedule's clock (nanoseconds since the warm-up ended).
     */
    public StrategyResult examplesSince(long origin) {
        List<Example> shifted = examples.stream()
                .map(e -> new Example(e.kind(), e.clientId(), e.room(), e.seq(), e.messageId(), e.at() - origin))
                .toList();
        return new StrategyResult(strategy, correctness, latency, budgets, shifted, hlogs, convergenceByClient,
                correctnessOverTime, rooms, recovery, ackedLost, cost, drift, lateSends);
    }

    /** This result naming {@code hlogs} as its interval logs (none: the log was not written). */
    public StrategyResult withHlogs(List<String> hlogs) {
        return new StrategyResult(strategy, correctness, latency, budgets, examples, hlogs, convergenceByClient,
                correctnessOverTime, rooms, recovery, ackedLost, cost, drift, lateSends);
    }

    /** The figures of a metric in a phase (expression names), or {@code null}. */
    public LatencyFigures latency(String metric, String phase) {
        return latency.stream().filter(f -> f.metric().equals(metric) && f.phase().equals(phase))
                .findFirst().orElse(null);
    }
}
