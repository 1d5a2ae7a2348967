package dev.livetalk.reports;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A measuring harness, not a test: writes (once) a long interval log shaped like
 * {@code HlogWriter}'s (one strategy; every metric in phase all and in one of before, during,
 * after; corrected and raw; 3 digits; 1 s intervals of 10,000 seeded values a series), then
 * reads it as the report's charts do and as the gate does and prints the heap each reading holds
 * after a full collection, and its CPU time.
 *
 * <p>{@code java -cp JAR:test-classes dev.livetalk.reports.LongHlogHeap FILE SECONDS}; compiled
 * against an older jar too, it measures that jar's reading.
 */
public final class LongHlogHeap {
    private static final List<String> METRICS = List.of("echo", "ack", "peer-first", "peer-final",
            "read-receipt-lag", "scheduling-lag", "silent-wait");

    private LongHlogHeap() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int seconds = Integer.parseInt(args[1]);
        if (!Files.exists(file)) {
            write(file, seconds);
        }
        List<Path> files = List.of(file);
        long before = heldHeap();
        long cpu = cpu();
        IntervalLog charts = IntervalLog.read(files, t -> t.corrected() && t.phase().equals("all"));
        long chartsCpu = cpu() - cpu;
        long chartsHeap = heldHeap() - before;
        cpu = cpu();
        Object gate = LoggedIntervals.read(files);
        long gateCpu = cpu() - cpu;
        long gateHeap = heldHeap() - before - chartsHeap;
        System.out.printf("%s (%d s, %d MB): charts' reading holds %d MB (cpu %d ms), the gate's %d MB (cpu %d ms)%n",
                file, seconds, Files.size(file) >> 20, chartsHeap >> 20, chartsCpu / 1_000_000, gateHeap >> 20,
                gateCpu / 1_000_000);
        System.out.println(charts.endSeconds() + " " + gate.hashCode());
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long heldHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(Path file, int seconds) throws IOException {
        SplittableRandom random = new SplittableRandom(20);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_795_950_581_661L);
            writer.outputLegend();
            Histogram h = new Histogram(3);
            for (int i = 0; i < seconds; i++) {
                String phase = i < seconds / 3 ? "before" : i < 2 * seconds / 3 ? "during" : "after";
                for (String metric : METRICS) {
                    h.reset();
                    for (int k = 0; k < 10_000; k++) {
                        // log-normal around 20 ms, a tail to seconds
                        h.recordValue((long) (20e6 * Math.exp(0.8 * random.nextGaussian())));
                    }
                    for (String p : List.of("all", phase)) {
                        for (String kind : List.of("corrected", "raw")) {
                            h.setTag("strategy=s;metric=" + metric + ";phase=" + p + ";kind=" + kind);
                            writer.outputIntervalHistogram(i, i + 1, h, 1e6);
                        }
                    }
                }
            }
        }
    }
}
