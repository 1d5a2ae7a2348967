package dev.livetalk.bench;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.correctness.CorrectnessFigures;
import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.network.ToxiproxyBackend;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.StrategyPlay;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.simulator.SimBackend;
import dev.livetalk.simulator.SimSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For library scenarios both backends can play (the scenario folder is the system property
 * {@code livetalk.scenarios}, which the pom sets), the verdicts agree between the simulator and
 * the real Toxiproxy: reconcile clean on both, the naive strategy flawed on both, in the same
 * way. (Figures differ in detail: timing is real on one side, virtual on the other.)
 */
class BackendAgreementIT {
    private static ToxiproxyServer toxiproxy;

    @BeforeAll
    static void startToxiproxy() {
        toxiproxy = ToxiproxyLauncher.launch(Optional.empty());
    }

    @AfterAll
    static void stopToxiproxy() {
        toxiproxy.close();
    }

    private static CorrectnessFigures real(Scenario scenario, String strategy) throws Exception {
        return Measurement.of(new StrategyPlay(new ToxiproxyBackend(toxiproxy), RunPlan.resolve(scenario, scenario.seed()),
                strategy, RunSettings.DEFAULTS, RunProgress.NONE).play().trace()).correctness().figures();
    }

    private static CorrectnessFigures simulated(Scenario scenario, String strategy) throws Exception {
        return Measurement.of(new StrategyPlay(new SimBackend(SimSettings.DEFAULTS), RunPlan.resolve(scenario, scenario.seed()),
                strategy, RunSettings.DEFAULTS, RunProgress.NONE).play().trace()).correctness().figures();
    }

    private static boolean clean(CorrectnessFigures f) {
        return f.lost() == 0 && f.duplicates() == 0 && f.phantoms() == 0 && f.inversions() == 0
                && f.convergedShare() == 100.0;
    }

    @ParameterizedTest(name = "{0}: {1} flawed by {2}, reconcile clean")
    @CsvSource({"outage.yaml, event-only, lost", "lost-ack.yaml, naive-retry, duplicates"})
    void shouldReachTheSameVerdictsOnBothBackends(String file, String naive, String flaw) throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of(System.getProperty("livetalk.scenarios", "../scenarios"), file),
                LoaderOptions.DEFAULTS);
        CorrectnessFigures realNaive = real(scenario, naive);
        CorrectnessFigures simNaive = simulated(scenario, naive);
        CorrectnessFigures realReconcile = real(scenario, "reconcile");
        CorrectnessFigures simReconcile = simulated(scenario, "reconcile");
        System.out.printf("%s %s: toxiproxy lost %d dup %d inv %d | sim lost %d dup %d inv %d%n", file, naive,
                realNaive.lost(), realNaive.duplicates(), realNaive.inversions(), simNaive.lost(),
                simNaive.duplicates(), simNaive.inversions());

        assertThat(clean(realReconcile)).as("reconcile on toxiproxy: %s", realReconcile).isTrue();
        assertThat(clean(simReconcile)).as("reconcile in the simulator: %s", simReconcile).isTrue();
        long realFlaw = flaw.equals("lost") ? realNaive.lost() : realNaive.duplicates();
        long simFlaw = flaw.equals("lost") ? simNaive.lost() : simNaive.duplicates();
        assertThat(realFlaw).as("%s %s on toxiproxy", naive, flaw).isPositive();
        assertThat(simFlaw).as("%s %s in the simulator", naive, flaw).isPositive();
    }
}
