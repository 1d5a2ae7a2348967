package dev.livetalk.bench.fanout;

import jakarta.websocket.DeploymentException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Measures the reference server's fan-out against a bare Tyrus broadcast endpoint in the
 * same run: rounds alternate between the two so that machine noise hits both alike, and
 * the verdict compares medians.
 *
 * <p>Runs on the calling thread; see {@link FanoutRun} for the client threads.
 */
public final class FanoutBenchmark {
    private final FanoutSettings settings;
    private final int rounds;
    private final PrintStream out;

    /**
     * @param clients  sessions in the room
     * @param messages measured messages per round
     * @param window   most messages in flight
     * @param rounds   measured rounds per target
     * @param out      where progress and the table go
     */
    public FanoutBenchmark(int clients, int messages, int window, int rounds, PrintStream out) {
        this.settings = new FanoutSettings(clients, messages, Math.max(1000, messages / 5), window, 100, 64, 60);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1: " + rounds);
        }
        this.rounds = rounds;
        this.out = out;
    }

    /** Runs every round and returns the comparison. */
    public FanoutComparison run() throws IOException, DeploymentException, InterruptedException {
        ClientManager clientManager = ClientManager.createClient();
        clientManager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        clientManager.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 5);
        List<FanoutResult> bare = new ArrayList<>();
        List<FanoutResult> reference = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            try (BareTarget target = BareTarget.start()) {
                bare.add(report(round, new FanoutRun(target, settings, clientManager).measure()));
            }
            try (ReferenceTarget target = ReferenceTarget.start()) {
                reference.add(report(round, new FanoutRun(target, settings, clientManager).measure()));
            }
        }
        return new FanoutComparison(median(bare), median(reference));
    }

    private FanoutResult report(int round, FanoutResult result) {
        out.printf("round %d/%d %-17s %,12.0f deliveries/s  p50 %8.1f us  p99 %8.1f us  max %9.1f us%n",
                round, rounds, result.target(), result.deliveriesPerSecond(), result.latencyMicros(50),
                result.latencyMicros(99), result.latency().getMaxValue() / 1000.0);
        return result;
    }

    private static FanoutResult median(List<FanoutResult> results) {
        List<FanoutResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(FanoutResult::deliveriesPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The median round of each target.
     *
     * @param bare      the bare broadcast endpoint
     * @param reference the reference server
     */
    public record FanoutComparison(FanoutResult bare, FanoutResult reference) {
        /** Reference throughput over bare throughput. */
        public double throughputRatio() {
            return reference.deliveriesPerSecond() / bare.deliveriesPerSecond();
        }

        /** Prints the comparison table. */
        public void print(PrintStream out) {
            out.println();
            out.println("| target | clients | deliveries/s | p50 us | p90 us | p99 us | p99.9 us | max us |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            row(out, bare);
            row(out, reference);
            out.printf("%nthroughput ratio reference/bare: %.2fx (target >= 0.80x)%n", throughputRatio());
        }

        private static void row(PrintStream out, FanoutResult r) {
            out.printf("| %s | %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", r.target(), r.clients(),
                    r.deliveriesPerSecond(), r.latencyMicros(50), r.latencyMicros(90), r.latencyMicros(99),
                    r.latencyMicros(99.9), r.latency().getMaxValue() / 1000.0);
        }
    }
}
