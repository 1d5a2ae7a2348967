package dev.livetalk.simulator;

import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.run.Backend;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.Stage;
import dev.livetalk.scenarios.fault.FaultSpec;
import dev.livetalk.server.ServerConfig;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The simulator as a network of the one runner ({@code dev.livetalk.run.ScenarioRunner}):
 * every strategy's run is a {@link SimStage}, the server core, the client sessions and the
 * simulated links on the calling thread in virtual time, every choice drawn from the run's
 * seed. One seed gives one trace, so with {@link SimSettings#selfCheck()} the runner plays
 * each strategy twice and compares the trace hashes. With {@link SimSettings#codec()} as well,
 * the first play ({@link #checkedPlay()}, the one measured) passes the event records as they are
 * and the second puts every frame through the protocol's codec: the comparison then also finds
 * a codec that changes or refuses what a client or the server reads, and the measured play does
 * not spend about a fifth of its time encoding and decoding frames. Where a run is stopped early
 * by the heap guard, no second play follows, so its frames never went through the codec.
 *
 * <p>Stateless but for its settings; each stage is confined to the thread that opened it.
 */
public final class SimBackend implements Backend {
    /** Message serverTime and hlog start = this + virtual milliseconds: a fixed, plausible wall-clock origin. */
    static final long ORIGIN_MILLIS = 1_767_225_600_000L;

    private final SimSettings settings;
    private final LongSupplier wallClock;
    private final Consumer<SimStage> onOpen;
    private final long watchEvery;
    private final VirtualClockWatch watch;

    public SimBackend(SimSettings settings) {
        this(settings, System::nanoTime, stage -> { });
    }

    /**
     * A backend whose every stage tells {@code watch} each time {@code every} of its virtual
     * time has passed, and when it closes (for benchmarks; the traces are the same as without).
     */
    public SimBackend(SimSettings settings, java.time.Duration every, VirtualClockWatch watch) {
        this(settings, System::nanoTime, stage -> { }, positive(every), java.util.Objects.requireNonNull(watch, "watch"));
    }

    /**
     * @param wallClock the machine's clock, in nanoseconds: for the speed in {@link SimStage#summary()}
     *                  and for progress about once a second; never part of a trace
     * @param onOpen    told of every stage opened, before it plays (for the figures of the network)
     */
    SimBackend(SimSettings settings, LongSupplier wallClock, Consumer<SimStage> onOpen) {
        this(settings, wallClock, onOpen, Long.MAX_VALUE, null);
    }

    private SimBackend(SimSettings settings, LongSupplier wallClock, Consumer<SimStage> onOpen, long watchEvery,
                       VirtualClockWatch watch) {
        this.settings = settings;
        this.wallClock = wallClock;
        this.onOpen = onOpen;
        this.watchEvery = watchEvery;
        this.watch = watch;
    }

    private static long positive(java.time.Duration every) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the watch's period must be > 0: " + every);
        }
        return every.toNanos();
    }

    @Override
    public String network() {
        return dev.livetalk.scenarios.Backend.SIM.yamlName();
    }

    @Override
    public Environment environment() {
        return Environment.here(null, new Calibration.VirtualTime());
    }

    /** Refuses a plan with a fault the simulator cannot play (the loader refuses it for {@code network: sim}). */
    @Override
    public void check(RunPlan plan) {
        for (FaultSpec fault : plan.scenario().faults()) {
            if (!fault.fault().kind().playableOn(dev.livetalk.scenarios.Backend.SIM)) {
                throw new IllegalArgumentException("the simulator cannot play " + fault.fault().kind().yamlName()
                        + " (fault " + fault.name() + "); load the scenario with network sim to have it refused");
            }
        }
    }

    /** A fixed origin, so that a replay writes the same interval logs. */
    @Override
    public long hlogStartMillis() {
        return ORIGIN_MILLIS;
    }

    @Override
    public boolean checksReplay() {
        return settings.selfCheck();
    }

    /** This simulator with the event records passed as they are (the same trace), where frames go through the codec. */
    @Override
    public Backend checkedPlay() {
        return settings.codec() ? new SimBackend(settings.withCodec(false), wallClock, onOpen, watchEvery, watch) : this;
    }

    @Override
    public String replayDiffers() {
        return settings.codec()
                ? "is not deterministic, or the protocol's codec changed or refused a frame (the second play put "
                        + "every frame through it, the first passed the event records as they are; it refuses a frame "
                        + "beyond its limits, such as an object of more than 1,024 fields), or the strategy tells "
                        + "events apart by identity"
                : Backend.super.replayDiffers();
    }

    @Override
    public Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure) {
        SimStage stage = new SimStage(plan, strategy, settings, server, wallClock, watchEvery, watch);
        onOpen.accept(stage);
        return stage;
    }
}
