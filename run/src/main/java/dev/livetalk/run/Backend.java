package dev.livetalk.run;

import dev.livetalk.metrics.results.Environment;
import dev.livetalk.server.ServerConfig;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A network a scenario is played on: Toxiproxy with real sockets, or the simulator in virtual
 * time. It supplies transport and time for one strategy's run at a time ({@link Stage}); the
 * plan, the simulated users, the load, the reading and the measurement are the same for
 * every backend and live in this package.
 */
public interface Backend {
    /** The network's name in results documents: {@code toxiproxy} or {@code sim}. */
    String network();

    /** The machine, the tool versions and the calibration written into each results document. */
    Environment environment();

    /**
     * Refuses, before anything is played, a plan this backend cannot play (too many links for
     * its proxies, a fault it cannot make), with a message naming the value and the rule.
     */
    void check(RunPlan plan);

    /** The start time, in epoch milliseconds, written into an interval log's header. */
    long hlogStartMillis();

    /**
     * Whether one seed gives one trace here, so that playing a strategy twice and comparing the
     * trace hashes checks the harness ({@link ScenarioRunner} then does).
     */
    default boolean checksReplay() {
        return false;
    }

    /**
     * The backend that a play whose trace a second play of the same seed checks (where
     * {@link #checksReplay()}) opens its stage with; the second play opens its stage with this
     * one. By default this one. A backend may make the checked play lighter as long as it gives
     * the same trace, which the comparison then checks too: the simulator's checked play passes
     * the event records as they are, and the second play puts every frame through the
     * protocol's codec.
     */
    default Backend checkedPlay() {
        return this;
    }

    /**
     * What two plays of one seed that gave different traces say of this backend, after "the
     * {@link #network()} backend ": by default that it is not deterministic.
     */
    default String replayDiffers() {
        return "is not deterministic";
    }

    /**
     * Starts the world of one strategy's run: a server with {@code server}'s configuration and
     * the links of {@code plan}'s layout between it and the clients the runner will host.
     *
     * @param onFailure told of every failure of the transport while the stage is open (a client
     *                  that could not connect, an error on a client's thread); the run then fails
     */
    Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure) throws IOException;
}
