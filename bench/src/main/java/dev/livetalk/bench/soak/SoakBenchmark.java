package dev.livetalk.bench.soak;

import dev.livetalk.metrics.results.BudgetVerdict;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.simulator.SimBackend;
import dev.livetalk.simulator.SimSettings;
import dev.livetalk.simulator.VirtualClockWatch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plays one scenario in the simulator as {@code livetalk run --network sim} does (the one
 * runner: the play, the self-check's second play beside it, the measurement, the interval log;
 * no ledger) and watches its memory by the simulator's virtual clock, not by sleeping: each
 * time the first play's virtual time passes a whole minute, on the playing thread, it forces a
 * full collection ({@link System#gc()}: a benchmark's privilege) and reads the heap used after
 * it; the time the collections took is left out of the play's wall and CPU time. When the
 * first play ends it collects once more, reads the peaks of the heap pools (reset when the
 * play began) and resets them for the phase after the play (the measurement, waiting for the
 * second play, writing the interval log), whose peak and time it reads when the results are
 * there.
 *
 * <p>Runs on the calling thread (the self-check's second play on a thread of its own).
 */
public final class SoakBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SoakSettings settings;
    private final RunSettings runSettings;
    private final PrintWriter out;

    public SoakBenchmark(SoakSettings settings, RunSettings runSettings, PrintWriter out) {
        this.settings = settings;
        this.runSettings = runSettings;
        this.out = out;
    }

    /** Plays {@link SoakSettings#repeat()} times, printing each minute and play as it ends. */
    public SoakResult run() throws IOException, InterruptedException {
        Scenario scenario = settings.scenario();
        out.printf("scenario %s: %d clients, %d rooms, %.1f simulated minutes (warm-up %d s, duration %d s, quiesce %d s),"
                        + " strategy %s, seed %d, self-check %s; %d play(s)%n", scenario.name(), scenario.users().size(),
                scenario.rooms().size(), scenario.runLength().toMillis() / 60_000.0, scenario.warmup().toSeconds(),
                scenario.duration().toSeconds(), scenario.quiesce().toSeconds(), settings.strategy(), scenario.seed(),
                settings.selfCheck() ? "on" : "off", settings.repeat());
        out.printf("jvm %s %s, %d cores, max heap %,d MB; options: %s%n", System.getProperty("java.vm.vendor"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.flush();
        List<SoakPlay> plays = new ArrayList<>();
        for (int i = 1; i <= settings.repeat(); i++) {
            out.printf("play %d/%d%n", i, settings.repeat());
            out.flush();
            SoakPlay play = play();
            SoakResult.printPlay(out, play);
            out.flush();
            plays.add(play);
        }
        return new SoakResult(settings, plays);
    }

    private SoakPlay play() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("livetalk-bench-soak");
        // SIGINT or SIGTERM ends the JVM at once (the command's help), past the finally below: the hook deletes it then
        Thread cleanup = new Thread(() -> deleteQuietly(folder), "livetalk-bench-soak-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Watch watch = new Watch(Thread.currentThread());
            // without the second play, the first still passes the records as they are, as run --network sim's
            // measured play does: the flag leaves out the codec's play, not the codec from the sampled one
            SimSettings sim = settings.selfCheck() ? SimSettings.DEFAULTS
                    : SimSettings.DEFAULTS.withSelfCheck(false).withCodec(false);
            SimBackend backend = new SimBackend(sim, MINUTE, watch);
            ScenarioRunner runner = new ScenarioRunner(backend, runSettings, RunProgress.NONE, false);
            Scenario scenario = settings.scenario();
            System.gc();
            long process0 = processCpu();
            watch.begin();
            ResultsDocument document = runner.run(scenario, List.of(settings.strategy()), scenario.seed(), folder);
            long afterWall = System.nanoTime() - watch.closedWall;
            long afterCpu = THREADS.getCurrentThreadCpuTime() - watch.closedCpu;
            long process = processCpu() - process0;
            if (document.stopped() != null) {
                throw new IllegalStateException("the play stopped: " + document.stopped().reason());
            }
            if (watch.closedWall == 0) {
                throw new IllegalStateException("harness bug: the first play's stage never closed");
            }
            List<BudgetVerdict> verdicts = document.strategies().getFirst().budgets();
            return new SoakPlay(watch.samples, watch.endHeap, watch.playWall, watch.playCpu, watch.playPeak,
                    watch.playOldPeak, afterWall, afterCpu, heapPeak(), oldPeak(), process,
                    (int) verdicts.stream().filter(BudgetVerdict::passed).count(), verdicts.size());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook deletes it
            }
            delete(folder);
        }
    }

    /** Samples the first play (the one on {@code player}); the self-check's second play is left alone. */
    private final class Watch implements VirtualClockWatch {
        private final Thread player;
        private final List<SoakSample> samples = new ArrayList<>();
        private long started;
        private long startedCpu;
        private long lastWall;
        private long lastCpu;
        private long gcWall;
        private long gcCpu;
        private long closedWall;
        private long closedCpu;
        private long playWall;
        private long playCpu;
        private long playPeak;
        private long playOldPeak;
        private long endHeap;
        /** Told by the self-check's thread, which begins once the first play is recorded. */
        private volatile int replayMinute = SoakSample.REPLAY_NOT_STARTED;

        Watch(Thread player) {
            this.player = player;
        }

        void begin() {
            resetPeaks();
            started = System.nanoTime();
            lastWall = started;
            lastCpu = THREADS.getCurrentThreadCpuTime();
            startedCpu = lastCpu;
            gcWall = 0;
            gcCpu = 0;
        }

        @Override
        public void onVirtualTime(long virtualNanos) {
            if (Thread.currentThread() != player) {
                replayMinute = (int) (virtualNanos / MINUTE.toNanos());
                return;
            }
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long heap = collect();
            long gc = System.nanoTime() - wall;
            SoakSample sample = new SoakSample((int) (virtualNanos / MINUTE.toNanos()), heap, wall - lastWall,
                    cpu - lastCpu, gc, settings.selfCheck() ? replayMinute : SoakSample.NO_REPLAY);
            samples.add(sample);
            SoakResult.printSample(out, sample);
            out.flush();
            lastWall = System.nanoTime();
            lastCpu = THREADS.getCurrentThreadCpuTime();
            gcWall += lastWall - wall; // the printing, too, is not the play's
            gcCpu += lastCpu - cpu;
        }

        @Override
        public void onClosed(long virtualNanos) {
            if (Thread.currentThread() != player) {
                replayMinute = SoakSample.REPLAY_ENDED;
                return;
            }
            if (closedWall != 0) {
                return;
            }
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            playWall = wall - started - gcWall;
            playCpu = cpu - startedCpu - gcCpu;
            playPeak = heapPeak();
            playOldPeak = oldPeak();
            endHeap = collect();
            resetPeaks();
            closedWall = System.nanoTime();
            closedCpu = THREADS.getCurrentThreadCpuTime();
        }
    }

    private static long collect() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The heap pools' peaks added up: an upper bound of the heap's peak (the pools peak at different times). */
    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The old generation's peak, or -1 where no pool is one. */
    private static long oldPeak() {
        return heapPools().stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).max().orElse(-1);
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void deleteQuietly(Path folder) {
        try {
            delete(folder);
        } catch (UncheckedIOException e) {
            // the JVM is going away: nothing more to do
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
