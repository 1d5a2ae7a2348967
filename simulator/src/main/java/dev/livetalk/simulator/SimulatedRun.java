package dev.livetalk.simulator;

import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunRecord;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.StrategyPlay;
import dev.livetalk.scenarios.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One strategy's run in the simulator, played by the one per-strategy sequence
 * ({@link StrategyPlay} on a {@link SimBackend}), with what the network did beside the trace:
 * for seed sweeps and the simulator's benchmark, which need the figures of the network and no
 * results document. No self-check here ({@code dev.livetalk.run.ScenarioRunner} does it).
 *
 * <p>Single-threaded: {@link #play()} runs on the caller's thread; an instance plays once.
 */
public final class SimulatedRun {
    private final RunPlan plan;
    private final String strategy;
    private final SimSettings settings;
    private final RunSettings runSettings;
    private boolean played;

    /**
     * A run of {@code scenario} with {@code strategy} and {@code seed} (which overrides the
     * file's), with the default run settings.
     *
     * @throws IllegalArgumentException when the scenario has a fault the simulator cannot play
     */
    public SimulatedRun(Scenario scenario, String strategy, long seed, SimSettings settings) {
        this(scenario, strategy, seed, settings, RunSettings.DEFAULTS);
    }

    public SimulatedRun(Scenario scenario, String strategy, long seed, SimSettings settings, RunSettings runSettings) {
        this.plan = RunPlan.resolve(scenario, seed);
        this.strategy = strategy;
        this.settings = settings;
        this.runSettings = runSettings;
        new SimBackend(settings).check(plan);
    }

    /** Plays the run; throws {@link RunFailure} when the harness failed (a client never joined, a bug). */
    public SimulationResult play() {
        if (played) {
            throw new IllegalStateException("a simulated run plays once: " + plan.scenario().name() + " " + strategy);
        }
        played = true;
        AtomicReference<SimStage> opened = new AtomicReference<>();
        SimBackend backend = new SimBackend(settings, System::nanoTime, opened::set);
        RunRecord record;
        try {
            record = new StrategyPlay(backend, plan, strategy, runSettings, RunProgress.NONE).play();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure(e.getMessage() == null ? strategy + ": the simulation was interrupted" : e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimStage stage = opened.get();
        return new SimulationResult(record.trace(), record.digest(), stage.stats(), stage.executed(), stage.now(), stage.wallNanos());
    }
}
