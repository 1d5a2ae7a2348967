package dev.livetalk.metrics.latency;

import dev.livetalk.scenarios.budget.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing an interval log holds one window's interval histograms, not more: in a JVM of its own
 * with a small heap ({@value #HEAP}), the log of two windows whose 128 histograms each take about
 * 22 MB of counts is written. It was not: every histogram encoded kept HdrHistogram's encoding
 * buffer (9 bytes per count, more than its counts take) while the window's histograms were held
 * and pooled for the next window, and the pool held the last window's histograms beside the new
 * ones of the next window when their sizes differed (about 96 MB at once here).
 */
class HlogWriterHeapTest {
    /** The child JVM's heap: one window's histograms and the JVM's own fit, two windows' do not. */
    static final String HEAP = "-Xmx42m";

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheLogOfTwoLargeWindowsInAHeapThatHoldsOneWindow() throws Exception {
        Path output = dir.resolve("child.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), TwoWindows.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the JVM writing the log did not exit within 120 s: " + Files.readString(output));
        }
        String said = Files.readString(output);
        assertThat(child.exitValue()).as(said).isZero();
        assertThat(said).as(said).contains("written 256 interval histograms");
    }

    /**
     * Writes the interval log of two windows (32 intervals), each with echo and ack samples of
     * both kinds in phases all and before: 128 histograms a window, up to 1 s in the first window
     * and up to 2 s in the second (about 172 and 180 kB of counts each: no histogram of the first
     * window has the size of one of the second), to a stream that keeps nothing.
     */
    static final class TwoWindows {
        public static void main(String[] args) {
            long second = 1_000_000_000L;
            LatencyReport report = new LatencyReport(new Phases(List.of()), 0, second);
            for (int interval = 0; interval < 2 * LatencyReport.WINDOW_INTERVALS; interval++) {
                long largest = interval < LatencyReport.WINDOW_INTERVALS ? second : 2 * second;
                for (Metric metric : List.of(Metric.ECHO, Metric.ACK)) {
                    for (long latency : new long[] {1_000_000, 10_000_000, largest}) {
                        long completed = interval * second + second / 2;
                        report.record(metric, completed - latency, completed - latency, completed);
                    }
                }
            }
            long[] lines = {0};
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    lines[0] += b == '\n' ? 1 : 0;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    for (int i = offset; i < offset + length; i++) {
                        write(bytes[i]);
                    }
                }
            };
            HlogWriter.write(counting, "s", report, 0);
            report.close();
            System.out.println("written " + (lines[0] - 4) + " interval histograms"); // less the header's 4 lines
        }
    }
}
