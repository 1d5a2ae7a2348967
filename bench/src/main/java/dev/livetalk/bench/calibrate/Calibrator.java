package dev.livetalk.bench.calibrate;

import dev.livetalk.client.tyrus.ClientDriver;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunSettings;
import dev.livetalk.server.TyrusLogging;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Measures the latency the harness adds on this machine, layer by layer, in one run: connects
 * every {@link HarnessLayer} first, then plays the {@link CalibrationPlan}, one burst at a time,
 * each at the settings' open-model rate, and waits for each burst's arrivals before the next.
 *
 * <p>Runs on the calling thread; sends run on a client driver's owner thread
 * ({@code livetalk-client-driver-N}), arrivals on Tyrus threads and on a second driver.
 */
public final class Calibrator {
    /** How long connecting one layer may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long after a burst's last intended send its arrivals may still come. */
    static final Duration DRAIN = Duration.ofSeconds(2);
    /** Lead from planning a burst to its first intended send, so the first is not late by construction. */
    static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Proxies of the calibration are named after clients 900..903, apart from a scenario's. */
    static final int FIRST_CLIENT = 900;

    private final CalibrationSettings settings;
    private final ToxiproxyServer toxiproxy;
    private final PrintWriter progress;
    private final RunSettings runSettings;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /**
     * @param toxiproxy the Toxiproxy server of the proxied layers (not closed here)
     * @param progress  where a line per round goes
     */
    public Calibrator(CalibrationSettings settings, ToxiproxyServer toxiproxy, PrintWriter progress) {
        this(settings, toxiproxy, progress, RunSettings.DEFAULTS);
    }

    /**
     * @param toxiproxy   the Toxiproxy server of the proxied layers (not closed here)
     * @param progress    where a line per round goes
     * @param runSettings how the full-stack layers' sessions are set up, with the strategies they can make
     */
    public Calibrator(CalibrationSettings settings, ToxiproxyServer toxiproxy, PrintWriter progress,
                      RunSettings runSettings) {
        this.settings = settings;
        this.toxiproxy = toxiproxy;
        this.progress = progress;
        this.runSettings = runSettings;
    }

    /**
     * Runs the calibration; stops early, with what it measured, at the settings' time bound.
     *
     * @throws RunFailure when a layer cannot connect or a send fails
     */
    public Calibration.Measured run() throws IOException, InterruptedException {
        TyrusLogging.configure(false);
        long start = System.nanoTime();
        long deadline = start + settings.maxDuration().toNanos();
        Map<HarnessLayer, CalibrationPath> paths = new EnumMap<>(HarnessLayer.class);
        List<AutoCloseable> open = new ArrayList<>();
        ClientManager tyrus = ClientManager.createClient();
        tyrus.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        tyrus.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 5);
        ClientDriver sending = new ClientDriver(Duration.ofSeconds(1), failures::add);
        ClientDriver receiving = new ClientDriver(Duration.ofSeconds(1), failures::add);
        try {
            open(paths, open, tyrus, sending, receiving);
            play(paths, sending, deadline);
        } finally {
            sending.close();
            receiving.close();
            for (int i = open.size() - 1; i >= 0; i--) {
                closeQuietly(open.get(i));
            }
        }
        List<LayerLatency> layers = new ArrayList<>();
        paths.values().forEach(path -> layers.add(path.samples().figures()));
        return new Calibration.Measured(System.nanoTime() - start, settings.ratePerSecond(), settings.strategy(),
                layers);
    }

    private void open(Map<HarnessLayer, CalibrationPath> paths, List<AutoCloseable> open, ClientManager tyrus,
                      ClientDriver sending, ClientDriver receiving) throws IOException, InterruptedException {
        int capacity = settings.warmup() + settings.samples();
        int client = FIRST_CLIENT;
        for (HarnessLayer layer : HarnessLayer.values()) {
            LayerSamples samples = new LayerSamples(layer, capacity);
            ToxiproxyServer via = layer.throughToxiproxy() ? toxiproxy : null;
            CalibrationPath path = switch (layer) {
                case BARE_ECHO, BARE_ECHO_TOXIPROXY -> BareEchoPath.open(samples, via, client, tyrus, CONNECT_TIMEOUT);
                case FULL_STACK, FULL_STACK_TOXIPROXY -> FullStackPath.open(samples, via, client, settings.strategy(),
                        settings.ratePerSecond(), sending, receiving, CONNECT_TIMEOUT, runSettings);
            };
            client += 2;
            open.add(path);
            paths.put(layer, path);
        }
    }

    private void play(Map<HarnessLayer, CalibrationPath> paths, ClientDriver sending, long deadline)
            throws InterruptedException {
        int round = -1;
        for (Burst burst : CalibrationPlan.of(settings)) {
            if (System.nanoTime() >= deadline) {
                progress.printf(Locale.ROOT, "calibrate: stopped at the time bound of %s, in round %d of %d%n",
                        settings.maxDuration(), burst.round(), settings.rounds());
                return;
            }
            if (burst.round() != round) {
                round = burst.round();
                progress.println(round == 0 ? "calibrate: warm-up" : "calibrate: round " + round + " of " + settings.rounds());
                progress.flush();
            }
            playBurst(paths.get(burst.layer()), burst, sending);
            if (!failures.isEmpty()) {
                throw new RunFailure("calibration failed in layer " + burst.layer().label() + ": " + failures.get(0));
            }
        }
    }

    private void playBurst(CalibrationPath path, Burst burst, ClientDriver sending) throws InterruptedException {
        LayerSamples samples = path.samples();
        samples.begin(burst);
        OpenSchedule schedule = new OpenSchedule(System.nanoTime() + LEAD_NANOS, settings.periodNanos(), burst.count());
        PacedBurst sends = new PacedBurst(sending, schedule, burst.from(), path);
        sends.start();
        int lost = samples.awaitBurst(burst, schedule.lastIntended() + DRAIN.toNanos(), System::nanoTime);
        sends.cancel();
        if (lost > 0) {
            progress.printf(Locale.ROOT, "calibrate: %s: %d of %d sends of round %d had not arrived %s after the last%n",
                    burst.layer().label(), lost, burst.count(), burst.round(), DRAIN);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("calibrate: closing " + closeable + " failed: " + e);
        }
    }
}
