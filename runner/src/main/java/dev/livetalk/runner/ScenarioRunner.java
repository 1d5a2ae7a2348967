package dev.livetalk.runner;

import dev.livetalk.run.LoadPlan;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunProgress;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ScenarioStop;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.network.NetworkBackendException;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultScheduleJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario once per strategy, on the same resolved load and fault schedule, and
 * measures each run. First checks that the scenario's client links fit on the Toxiproxy
 * server (a container carries at most 32 at once). Writes the per-strategy interval logs ({@code STRATEGY.hlog}) and the
 * resolved schedule ({@code fault-schedule.json}) into the scenario's output folder; the
 * results document it returns names them. A strategy whose run fails in the harness (a
 * {@link RunFailure}: Toxiproxy refused or stopped answering; or an exception while playing or
 * measuring it) stops the scenario: the document then holds the strategies that finished and
 * {@link ResultsDocument#stopped()} says which one failed and why; no later strategy is played.
 *
 * <p>Runs on the caller's thread, one strategy after the other.
 */
public final class ScenarioRunner {
    private static final System.Logger LOG = System.getLogger(ScenarioRunner.class.getName());
    private final ToxiproxyServer toxiproxy;
    private final RunSettings settings;
    private final RunProgress progress;
    private final Calibration calibration;

    public ScenarioRunner(ToxiproxyServer toxiproxy, RunSettings settings, RunProgress progress) {
        this(toxiproxy, settings, progress, Calibration.NOT_MEASURED);
    }

    /** @param calibration the harness's own latency on this machine, for every document's environment */
    public ScenarioRunner(ToxiproxyServer toxiproxy, RunSettings settings, RunProgress progress,
                          Calibration calibration) {
        this.toxiproxy = toxiproxy;
        this.settings = settings;
        this.progress = progress;
        this.calibration = calibration;
    }

    /**
     * Plays {@code scenario} for each of {@code strategies} with {@code seed}, writing files
     * into {@code folder} (created if missing).
     */
    public ResultsDocument run(Scenario scenario, List<String> strategies, long seed, Path folder)
            throws IOException, InterruptedException {
        toxiproxy.requireCapacity(links(scenario), "scenario " + scenario.name());
        Files.createDirectories(folder);
        FaultSchedule schedule = FaultSchedule.resolve(scenario, seed);
        LoadPlan plan = LoadPlan.resolve(scenario, seed);
        Files.writeString(folder.resolve("fault-schedule.json"), FaultScheduleJson.toJson(schedule));
        List<StrategyResult> results = new ArrayList<>();
        ScenarioStop stopped = null;
        for (String strategy : strategies) {
            try {
                results.add(measure(scenario, strategy, plan, schedule, folder));
            } catch (RuntimeException e) {
                stopped = new ScenarioStop(ScenarioStop.Cause.HARNESS_FAILURE, strategy, reason(e));
                LOG.log(System.Logger.Level.DEBUG, "strategy " + strategy + " stopped the run", e);
                break;
            }
        }
        ResultsDocument document = ResultsDocument.of(scenario.name(), seed, scenario.network().yamlName(),
                environment(), schedule, results);
        return stopped == null ? document : document.stoppedBy(stopped);
    }

    private StrategyResult measure(Scenario scenario, String strategy, LoadPlan plan, FaultSchedule schedule,
                                   Path folder) throws IOException, InterruptedException {
        long startEpochMillis = System.currentTimeMillis();
        RunTrace trace = new StrategyRun(scenario, strategy, plan, schedule, toxiproxy, settings, progress)
                .play().trace();
        Measurement measurement = Measurement.of(trace);
        List<BudgetVerdict> verdicts = BudgetEvaluator.evaluate(scenario.budgets(), measurement);
        Path hlog = folder.resolve(strategy + ".hlog");
        HlogWriter.write(hlog, strategy, measurement.latency(), startEpochMillis);
        StrategyResult result = StrategyResult.of(measurement, verdicts, List.of(hlog.getFileName().toString()));
        return result.examplesSince(trace.measuredFrom());
    }

    /** A harness failure's own message; anything else (a bug) with its class, so it is not mistaken for one. */
    private static String reason(RuntimeException e) {
        String message = e instanceof RunFailure || e instanceof NetworkBackendException ? e.getMessage() : e.toString();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    /** How many client links, one proxy each, the scenario opens at once: one per user, two for split clients. */
    static int links(Scenario scenario) {
        return scenario.users().size() * (scenario.clientShape() == ClientShape.SPLIT ? 2 : 1);
    }


    private Environment environment() {
        return new Environment(toxiproxy.version(), System.getProperty("java.vm.name") + " "
                + Runtime.version(), Runtime.getRuntime().availableProcessors(), calibration);
    }
}
