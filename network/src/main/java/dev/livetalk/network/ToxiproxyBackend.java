package dev.livetalk.network;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.run.Backend;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.Stage;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;

import dev.livetalk.scenarios.fault.FaultWindow;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real network as a backend of {@code dev.livetalk.run.ScenarioRunner}: each strategy's run
 * gets a fresh reference server on the loopback (its own process when the plan kills, stops
 * or slows it: {@link ServerProcess}), one proxy of {@code toxiproxy} per client
 * link and Tyrus clients behind them ({@link ToxiproxyStage}); faults are Toxiproxy toxics
 * ({@link ToxiproxyFaultPlay}). Before anything plays, {@link #check} refuses a plan with more
 * links than the server carries at once (a container: 32).
 *
 * <p>Immutable; the runner's thread. The Toxiproxy server is the caller's, not closed here.
 */
public final class ToxiproxyBackend implements Backend {
    private final ToxiproxyServer toxiproxy;
    private final ToxiproxySettings settings;
    private final Calibration calibration;

    /**
     * @param calibration the harness's own latency on this machine, for every document's environment
     */
    public ToxiproxyBackend(ToxiproxyServer toxiproxy, ToxiproxySettings settings, Calibration calibration) {
        this.toxiproxy = toxiproxy;
        this.settings = settings;
        this.calibration = calibration;
    }

    /** As {@link #ToxiproxyBackend(ToxiproxyServer, ToxiproxySettings, Calibration)}, default settings, no calibration. */
    public ToxiproxyBackend(ToxiproxyServer toxiproxy) {
        this(toxiproxy, ToxiproxySettings.DEFAULTS, Calibration.NOT_MEASURED);
    }

    @Override
    public String network() {
        return "toxiproxy";
    }

    @Override
    public Environment environment() {
        return Environment.here(toxiproxy.version(), calibration);
    }

    /** @throws NetworkBackendException when the plan's links do not fit on the Toxiproxy server at once */
    @Override
    public void check(RunPlan plan) {
        toxiproxy.requireCapacity(plan.layout().linkCount(), "scenario " + plan.scenario().name());
    }

    @Override
    public long hlogStartMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure)
            throws IOException {
        return ToxiproxyStage.open(this, plan.layout(), server(plan, server, onFailure), onFailure);
    }

    /**
     * The run's server: in this JVM, or as its own process when the plan has a server fault (with
     * a durable history when a restart keeps it, and a standby for the next start when it has a restart, warm
     * before this returns, so before the clients connect). Its commits reach {@code server}'s listener either way.
     */
    private static StageServer server(RunPlan plan, ServerConfig server, Consumer<Throwable> onFailure)
            throws IOException {
        List<FaultWindow> windows = plan.faults().windows();
        if (!ServerFaults.anyIn(windows)) {
            return new StageServer.InProcess(ReferenceServer.start(server));
        }
        return new StageServer.OwnProcess(ServerProcess.start(server, ServerFaults.durableIn(windows),
                ServerFaults.restartIn(windows), onFailure));
    }

    ToxiproxyServer toxiproxy() {
        return toxiproxy;
    }

    ToxiproxySettings settings() {
        return settings;
    }
}
