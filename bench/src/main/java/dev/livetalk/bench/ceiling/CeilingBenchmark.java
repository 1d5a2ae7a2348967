package dev.livetalk.bench.ceiling;

import dev.livetalk.metrics.results.Health;
import dev.livetalk.metrics.results.LatencyFigures;
import dev.livetalk.metrics.results.Percentiles;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.network.ToxiproxyBackend;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.run.RunFailure;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures the ceiling of one machine through Toxiproxy: the scale shape resized to each client
 * count is played through real Toxiproxy (one proxy per client link, as {@code livetalk run}
 * plays it; no ledger, no calibration), in {@code repeat} rounds, each round playing every count
 * once, smallest first, so that noise from the machine falls on every count alike; before them,
 * {@code warmupPlays} short plays of the smallest count, not counted, so that the first counted
 * play does not pay for the JIT compiling the harness. Per play it
 * takes the harness's scheduling lag from the run's own results (the health figure of
 * {@code results.json}) and the CPU used while the load ran ({@link CpuSnapshot}, taken on the
 * run's once-a-second progress ticks between the end of the warm-up and the start of the
 * quiesce).
 *
 * <p>Before anything plays it checks that the largest count fits the Toxiproxy server (a
 * container takes 32 links), the file descriptor limits of this JVM and of Toxiproxy and the
 * loopback's ephemeral ports ({@link #checkLimits}).
 *
 * <p>Runs on the calling thread.
 */
public final class CeilingBenchmark {
    /** File descriptors per client in the harness's JVM: the client's socket and the in-process server's. */
    static final int HARNESS_FDS_PER_CLIENT = 2;
    /** File descriptors per client in Toxiproxy: the proxy's listener, the client's connection and the upstream one. */
    static final int TOXIPROXY_FDS_PER_CLIENT = 3;
    /** Loopback ports per client: the proxy's listener and the two connections' client ends. */
    static final int PORTS_PER_CLIENT = 3;
    /** What a process holds besides: jars, selectors, pipes, logs. */
    static final int FD_HEADROOM = 256;

    private final CeilingSettings settings;
    private final ToxiproxyServer toxiproxy;
    private final RunSettings runSettings;
    private final PrintWriter out;

    public CeilingBenchmark(CeilingSettings settings, ToxiproxyServer toxiproxy, RunSettings runSettings, PrintWriter out) {
        this.settings = settings;
        this.toxiproxy = toxiproxy;
        this.runSettings = runSettings;
        this.out = out;
    }

    /**
     * The plays' run lengths summed (warm-up, load and quiesce of every play, the warm-up plays
     * included): the least wall time the command takes. Each play adds its setup (server, proxies,
     * clients connected: seconds) and its measurement (replaying the trace into the figures, which
     * grows with the deliveries: 200 clients' 8 s of warm-up and load took about 20 s on a busy
     * 2-core machine), which are not counted here.
     */
    public static long playSeconds(CeilingSettings settings) {
        Scenario shape = settings.shape().shape();
        long besides = shape.warmup().toSeconds() + shape.quiesce().toSeconds();
        return (besides + settings.duration().toSeconds()) * settings.clients().size() * settings.repeat()
                + (besides + CeilingSettings.MIN_DURATION.toSeconds()) * settings.warmupPlays();
    }

    /**
     * Checks that the largest count fits this machine's limits: the Toxiproxy server's links (a
     * container's 32), file descriptors of this JVM and of Toxiproxy (when the harness started
     * it) and the loopback's ephemeral ports.
     *
     * @throws CeilingLimitException naming the limit, what the count needs and how to raise it
     * @throws dev.livetalk.network.NetworkBackendException when the Toxiproxy server cannot carry that many links
     */
    public void checkLimits() {
        int largest = settings.clients().getLast();
        toxiproxy.requireCapacity(largest, "bench ceiling's " + largest + " clients"); // a container's 32 links
        long harnessNeeds = (long) HARNESS_FDS_PER_CLIENT * largest + FD_HEADROOM;
        long harnessLimit = harnessFdLimit();
        if (harnessLimit > 0 && harnessLimit < harnessNeeds) {
            throw new CeilingLimitException(String.format(Locale.ROOT,
                    "%d clients need about %d open files in the harness's JVM (%d per client), its limit is %d:"
                            + " raise it with `ulimit -n %d` (or higher) in the shell that starts livetalk"
                            + " (the hard limit, `ulimit -Hn`, caps it; raise that in /etc/security/limits.conf,"
                            + " a systemd unit's LimitNOFILE or docker run --ulimit nofile=N:N)",
                    largest, harnessNeeds, HARNESS_FDS_PER_CLIENT, harnessLimit, harnessNeeds));
        }
        long toxiproxyNeeds = (long) TOXIPROXY_FDS_PER_CLIENT * largest + FD_HEADROOM;
        long toxiproxyLimit = toxiproxy.process().map(p -> openFilesLimit(p.pid())).orElse(-1L);
        if (toxiproxyLimit > 0 && toxiproxyLimit < toxiproxyNeeds) {
            throw new CeilingLimitException(String.format(Locale.ROOT,
                    "%d clients need about %d open files in Toxiproxy (%d per client: one proxy each), its limit is %d:"
                            + " raise it with `ulimit -n %d` (or higher) in the shell that starts livetalk, which"
                            + " starts Toxiproxy; for a Toxiproxy of TOXIPROXY_URL, in the shell or unit that starts it",
                    largest, toxiproxyNeeds, TOXIPROXY_FDS_PER_CLIENT, toxiproxyLimit, toxiproxyNeeds));
        }
        long ports = ephemeralPorts();
        long portsNeeded = (long) PORTS_PER_CLIENT * largest;
        if (ports > 0 && ports < portsNeeded) {
            throw new CeilingLimitException(String.format(Locale.ROOT,
                    "%d clients need about %d loopback ports (%d per client), the ephemeral range holds %d:"
                            + " widen net.ipv4.ip_local_port_range (sysctl)", largest, portsNeeded, PORTS_PER_CLIENT, ports));
        }
    }

    /** Plays every round and returns what was measured; prints a header and a line per play as it goes. */
    public CeilingResult run() throws IOException, InterruptedException {
        checkLimits();
        Scenario shape = settings.shape().shape();
        out.printf(Locale.ROOT, "shape %s (%.0f users per room, %.2f msg/s per user, %s arrival, %d fault%s scaled to"
                        + " the duration); clients %s; %d s each; %d round%s, counts interleaved; strategy %s%n",
                shape.name(), settings.shape().usersPerRoom(), shape.load().ratePerSender(),
                shape.load().arrival().name().toLowerCase(Locale.ROOT), shape.faults().size(),
                shape.faults().size() == 1 ? "" : "s", settings.clients(), settings.duration().toSeconds(),
                settings.repeat(), settings.repeat() == 1 ? "" : "s", settings.strategy());
        out.printf(Locale.ROOT, "jvm %s %s, %d cores; options: %s%n", System.getProperty("java.vm.vendor"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf(Locale.ROOT, "%s; open files: harness %s, toxiproxy %s; %d s of warm-up, load and quiesce in all, and"
                        + " each play's setup and measurement%n", toxiproxy.describe(), limitText(harnessFdLimit()),
                limitText(toxiproxy.process().map(p -> openFilesLimit(p.pid())).orElse(-1L)), playSeconds(settings));
        out.flush();
        Path work = Files.createTempDirectory("livetalk-ceiling-");
        try {
            return plays((count, duration, round) -> play(count, duration, round, work));
        } finally {
            delete(work);
        }
    }

    /** One play: {@code count} clients for {@code duration}, in {@code round} (0: a warm-up). */
    @FunctionalInterface
    interface Player {
        CeilingRound play(int count, Duration duration, int round) throws IOException, InterruptedException;
    }

    /** The warm-up plays, then the rounds with the counts interleaved, smallest first; prints each as it ends. */
    CeilingResult plays(Player player) throws IOException, InterruptedException {
        List<CeilingRound> rounds = new ArrayList<>();
        int smallest = settings.clients().getFirst();
        for (int i = 1; i <= settings.warmupPlays(); i++) {
            CeilingRound warm = player.play(smallest, CeilingSettings.MIN_DURATION, 0);
            out.printf(Locale.ROOT, "warm-up %d/%d %d clients for %d s, not counted (scheduling lag p99 %.2f ms)%n", i,
                    settings.warmupPlays(), smallest, CeilingSettings.MIN_DURATION.toSeconds(), warm.lagP99() / 1e6);
            out.flush();
        }
        for (int round = 1; round <= settings.repeat(); round++) {
            for (int count : settings.clients()) {
                rounds.add(print(player.play(count, settings.duration(), round)));
            }
        }
        return new CeilingResult(settings.clients(), rounds, Health.SCHEDULING_LAG_LIMIT_NANOS);
    }

    /** One play of {@code count} clients for {@code duration}; round 0 is a warm-up. */
    private CeilingRound play(int count, Duration duration, int round, Path work)
            throws IOException, InterruptedException {
        Scenario scenario = settings.shape().resize(count, duration, settings.strategy());
        System.gc(); // the previous play's garbage is collected now, not during this play's load
        long started = System.nanoTime();
        LoadWindow window = new LoadWindow(scenario, toxiproxy.process());
        ResultsDocument document = new ScenarioRunner(new ToxiproxyBackend(toxiproxy), runSettings, window, false, null)
                .run(scenario, List.of(settings.strategy()), scenario.seed(), work.resolve(scenario.name() + "-" + round));
        if (document.stopped() != null) {
            throw new RunFailure(count + " clients, round " + round + ": " + document.stopped().reason());
        }
        StrategyResult result = document.strategy(settings.strategy());
        Percentiles lag = corrected(result, "scheduling-lag");
        Percentiles peerFinal = corrected(result, "peer-final");
        return new CeilingRound(count, round, lag.p50(), lag.p99(), lag.max(), peerFinal.p99(), lag.count(),
                window.use(count, round), (System.nanoTime() - started) / 1e9, window.loadStartNanos() < 0 ? Double.NaN
                : (window.loadStartNanos() - started) / 1e9);
    }

    private static Percentiles corrected(StrategyResult result, String metric) {
        LatencyFigures figures = result.latency(metric, "all");
        if (figures == null) {
            throw new IllegalStateException("harness bug: the run's results have no " + metric + " figures");
        }
        return figures.corrected();
    }

    private CeilingRound print(CeilingRound r) {
        CpuSnapshot.CpuUse cpu = r.cpu();
        out.printf(Locale.ROOT, "round %d/%d %5d clients  scheduling lag p50 %6.2f ms  p99 %7.2f ms  max %7.1f ms"
                        + "  peer-final p99 %s  cores: harness %.2f  toxiproxy %s  machine %s  (play %.0f s, %.0f s before the load)%n",
                r.round(), settings.repeat(), r.clients(), r.lagP50() / 1e6, r.lagP99() / 1e6, r.lagMax() / 1e6,
                r.peerFinalP99() == Percentiles.NEVER ? "never" : String.format(Locale.ROOT, "%.1f ms", r.peerFinalP99() / 1e6),
                cpu.harness(), Double.isNaN(cpu.toxiproxy()) ? "n/a" : String.format(Locale.ROOT, "%.2f", cpu.toxiproxy()),
                Double.isNaN(cpu.machine()) ? "n/a" : String.format(Locale.ROOT, "%.2f (%.0f%% busy)", cpu.machine(),
                        cpu.machineShare() * 100), r.play(), r.beforeLoad());
        out.flush();
        return r;
    }

    /** This JVM's limit of open files (the JVM raises its soft limit to the hard one on Linux); -1 when unknown. */
    static long harnessFdLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** The soft limit of open files of process {@code pid}, from {@code /proc/PID/limits}; -1 when unknown. */
    static long openFilesLimit(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                    .filter(line -> line.startsWith("Max open files")).findFirst()
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .map(soft -> soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft)).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** How many ports the loopback's ephemeral range holds, from {@code /proc/sys/net/ipv4/ip_local_port_range}; -1 when unknown. */
    static long ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String limitText(long limit) {
        return limit < 0 ? "unknown" : limit == Long.MAX_VALUE ? "unlimited" : Long.toString(limit);
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the plays' folder " + folder, e);
        }
    }

    /**
     * The CPU snapshots of one play's load: the first progress tick at or after the end of the
     * warm-up and the last one at or before the start of the quiesce. Ticks come on the run's
     * progress thread, the result is read by the runner's thread after the play.
     */
    private static final class LoadWindow implements RunProgress {
        private final long from;
        private final long to;
        private final Optional<ProcessHandle> toxiproxy;
        private volatile CpuSnapshot first;
        private volatile CpuSnapshot last;
        private volatile long loadStart = -1;

        LoadWindow(Scenario scenario, Optional<ProcessHandle> toxiproxy) {
            this.from = scenario.warmup().toNanos();
            this.to = scenario.warmup().plus(scenario.duration()).toNanos();
            this.toxiproxy = toxiproxy;
        }

        @Override
        public void onStatus(Status status) {
            if (loadStart < 0) {
                loadStart = System.nanoTime() - status.elapsedNanos();
            }
            if (status.elapsedNanos() < from || status.elapsedNanos() > to) {
                return;
            }
            CpuSnapshot now = CpuSnapshot.take(toxiproxy);
            if (first == null) {
                first = now;
            }
            last = now;
        }

        /** When the load began ({@link System#nanoTime()}), from the first tick; -1 before it. */
        long loadStartNanos() {
            return loadStart;
        }

        CpuSnapshot.CpuUse use(int count, int round) {
            CpuSnapshot a = first;
            CpuSnapshot b = last;
            if (a == null || b == null || b.wallNanos() <= a.wallNanos()) {
                throw new RunFailure(count + " clients, round " + round + ": fewer than two progress ticks fell"
                        + " within the load, so no CPU could be taken over it");
            }
            return b.coresSince(a);
        }
    }
}
