package dev.livetalk.simulator;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunProgress;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultScheduleJson;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one scenario once per strategy in the simulator, as the Toxiproxy runner's
 * {@code ScenarioRunner} does through real sockets, and gives the same results document
 * (network {@code sim}) and files: {@code STRATEGY.hlog} and {@code fault-schedule.json} in the
 * scenario's folder. With the determinism self-check on, each strategy is played twice and
 * the two trace hashes must be equal; otherwise the harness is broken and the run fails with
 * a {@link RunFailure} naming both hashes.
 *
 * <p>Runs on the caller's thread, one strategy after the other. Progress is reported once per
 * strategy, on the caller's thread.
 */
public final class SimulatedScenarioRunner {
    /** The hlog header's start time: a fixed origin, so that a replay writes the same files. */
    private static final long HLOG_EPOCH_MILLIS = 1_767_225_600_000L;

    private final SimSettings settings;
    private final RunProgress progress;

    public SimulatedScenarioRunner(SimSettings settings, RunProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Plays {@code scenario} for each of {@code strategies} with {@code seed}, writing files
     * into {@code folder} (created if missing). An interrupt of the calling thread stops it
     * before the next strategy ({@link InterruptedIOException}).
     */
    public ResultsDocument run(Scenario scenario, List<String> strategies, long seed, Path folder) throws IOException {
        Files.createDirectories(folder);
        FaultSchedule schedule = FaultSchedule.resolve(scenario, seed);
        Files.writeString(folder.resolve("fault-schedule.json"), FaultScheduleJson.toJson(schedule));
        List<StrategyResult> results = new ArrayList<>();
        for (String strategy : strategies) {
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted before strategy " + strategy + " of " + scenario.name());
            }
            RunTrace trace = play(scenario, strategy, seed);
            Measurement measurement = Measurement.of(trace);
            List<BudgetVerdict> verdicts = BudgetEvaluator.evaluate(scenario.budgets(), measurement);
            Path hlog = folder.resolve(strategy + ".hlog");
            HlogWriter.write(hlog, strategy, measurement.latency(), HLOG_EPOCH_MILLIS);
            StrategyResult result = StrategyResult.of(measurement, verdicts, List.of(hlog.getFileName().toString()));
            results.add(result.examplesSince(trace.measuredFrom()));
        }
        return ResultsDocument.of(scenario.name(), seed, Backend.SIM.yamlName(), environment(),
                schedule, results);
    }

    /** One strategy's trace, checked for determinism when the settings ask for it. */
    RunTrace play(Scenario scenario, String strategy, long seed) {
        SimulationResult first = new SimulatedRun(scenario, strategy, seed, settings).play();
        report(scenario, strategy, first);
        String replay = "";
        if (settings.selfCheck()) {
            SimulationResult second = new SimulatedRun(scenario, strategy, seed, settings).play();
            requireSameTrace(scenario, strategy, seed, first.traceHash(), second.traceHash());
            replay = String.format(Locale.ROOT, "; self-check replay %.2f s, same trace", second.wallNanos() / 1e9);
        }
        progress.onNote(String.format(Locale.ROOT,
                "%s %s: simulated %.1f s in %.2f s (%,d deliveries, %.2f M/s)%s", scenario.name(), strategy,
                first.virtualEnd() / 1e9, first.wallNanos() / 1e9, first.network().deliveries(),
                first.network().deliveries() * 1e3 / Math.max(1, first.wallNanos()), replay));
        return first.trace();
    }

    /** Fails with a harness error when two plays of one seed gave different traces. */
    static void requireSameTrace(Scenario scenario, String strategy, long seed, String first, String second) {
        if (!first.equals(second)) {
            throw new RunFailure("harness bug: the simulator is not deterministic: " + scenario.name() + " with "
                    + strategy + " and seed " + seed + " gave trace " + first + " then " + second);
        }
    }

    private void report(Scenario scenario, String strategy, SimulationResult result) {
        long total = result.virtualEnd();
        progress.onStatus(new RunProgress.Status(scenario.name(), strategy, total, total, 0,
                result.trace().clients().stream().mapToInt(c -> c.sends().size()).sum(),
                result.trace().serverLog().values().stream().mapToInt(l -> l.messages().size()).sum()));
    }


    private static Environment environment() {
        return new Environment(null, System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors(), new Calibration.VirtualTime());
    }
}
