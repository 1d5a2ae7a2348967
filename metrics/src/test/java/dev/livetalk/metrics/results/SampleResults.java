package dev.livetalk.metrics.results;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.gate.BudgetEvaluator;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.budget.BudgetParser;
import dev.livetalk.scenarios.fault.BandwidthFault;
import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.DuplicationFault;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.MessageLossFault;
import dev.livetalk.scenarios.fault.PartitionFault;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;
import dev.livetalk.scenarios.fault.ReorderFault;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.SlicerFault;
import dev.livetalk.scenarios.fault.SlowCloseFault;
import dev.livetalk.scenarios.fault.StallFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made two-strategy run of the {@code outage} scenario with known figures, and the
 * golden-file comparison of the formats written from it. Regenerate the golden files with
 * {@code -Dlivetalk.golden.update=true} and review the diff.
 *
 * <p>Test thread only.
 */
final class SampleResults {
    static final List<Budget> BUDGETS = List.of(BudgetParser.parse("lost == 0"),
            BudgetParser.parse("peer-final p(99) < 1500ms"), BudgetParser.parse("converged == 100%"),
            BudgetParser.parse("convergence max < 5s for reconcile"));
    private static final FaultSchedule SCHEDULE = new FaultSchedule(7, List.of(new FaultWindow("outage", 0,
            Duration.ofSeconds(2), Duration.ofSeconds(3), new DownFault(), DirectionSelector.BOTH, List.of("bob"), LinkSelector.BOTH,
            false)));
    private static final long LOAD_START = TraceFixture.ms(1_000);

    private SampleResults() {
    }

    /** alice sends 5 messages a second apart from 1 s; bob is cut off from 3 s to 4 s of the trace. */
    static Measurement measure(String strategy, boolean flawed) {
        TraceFixture run = new TraceFixture(strategy, 1_000);
        SCHEDULE.windows().forEach(w -> run.window(w, LOAD_START / 1e6));
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "e1", 0);
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            double at = i * 1_000;
            alice.send("lobby", "a" + i, at, at + 2, at + 3);
            Message m = run.commit("lobby", "alice", "a" + i, at + 30);
            alice.ackBySeq("a" + i, m, at + 40);
            sent.add(m);
        }
        if (flawed) { // m2 late, m3 lost, m4 shown twice, the second time after m5
            bob.append(sent.get(0), 1_050).append(sent.get(1), 3_600).append(sent.get(3), 4_100)
                    .append(sent.get(4), 5_050).append(sent.get(3), 5_100);
        } else { // m4 before m3 after the outage: a correct prefix again 300 ms after it ended
            bob.place(sent.get(0), 1_050).place(sent.get(1), 2_050).welcome("main", "e1", 4_020)
                    .place(sent.get(3), 4_050).refetch("lobby", "resume", 1, 120, 4_060).place(sent.get(2), 4_300)
                    .place(sent.get(4), 5_050);
        }
        bob.read("lobby", 2, 2_100);
        alice.receipt("lobby", "bob", 2, 2_180);
        return Measurement.of(run.build());
    }

    /** Budgets on reconcile only: event-only is played for comparison, so the run passes. */
    static final List<Budget> RECONCILE_BUDGETS = List.of(BudgetParser.parse("lost == 0 for reconcile"),
            BudgetParser.parse("converged == 100% for reconcile"));

    static ResultsDocument document() {
        return document(BUDGETS);
    }

    /** The run judged by the budgets {@link #RECONCILE_BUDGETS}: it passes, event-only breaks invariants. */
    static ResultsDocument passingDocument() {
        return document(RECONCILE_BUDGETS);
    }

    static ResultsDocument document(List<Budget> budgets) {
        List<StrategyResult> strategies = new ArrayList<>();
        for (String strategy : List.of("event-only", "reconcile")) {
            Measurement m = measure(strategy, strategy.equals("event-only"));
            strategies.add(StrategyResult.of(m, BudgetEvaluator.evaluate(budgets, m), List.of(strategy + ".hlog")));
        }
        return ResultsDocument.of("outage", 7, "toxiproxy", new Environment("2.12.0", "21.0.5", 2, calibration()),
                SCHEDULE, strategies);
    }

    /** A schedule with one window of every fault kind, each with parameters that are not defaults. */
    static FaultSchedule everyFaultKind() {
        List<Fault> faults = List.of(new LatencyFault(Duration.ofMillis(250), Duration.ofMillis(30)),
                new BandwidthFault(64), new SlowCloseFault(Duration.ofMillis(700)), new TimeoutFault(Duration.ofSeconds(2)),
                new ResetPeerFault(Duration.ofMillis(100)), new SlicerFault(64, 16, Duration.ofNanos(1500)),
                new LimitDataFault(4096), new DownFault(), new StallFault(), new MessageLossFault(0.25),
                new DuplicationFault(0.125), new ReorderFault(Duration.ofMillis(40), 0.5), new PartitionFault(),
                new RestartFault(false), new PauseFault(), new SlowCommitFault(Duration.ofMillis(15)));
        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Duration start = Duration.ofMillis(1000L * i + 1);
            windows.add(new FaultWindow("f" + i, i % 3, start, start.plusMillis(1500), faults.get(i),
                    DirectionSelector.values()[i % 3], i % 4 == 0 ? List.of() : List.of("alice", "bob"), LinkSelector.values()[i % 3],
                    i % 4 == 0));
        }
        return new FaultSchedule(7, windows);
    }

    /** A hand-made calibration: bare echo p50 100 us, the full stack through Toxiproxy p50 400 us, p99 1.5 ms. */
    static Calibration.Measured calibration() {
        return new Calibration.Measured(3_200_000_000L, 500, "reconcile", List.of(
                layer(HarnessLayer.BARE_ECHO, 100_000, 300_000),
                layer(HarnessLayer.BARE_ECHO_TOXIPROXY, 180_000, 600_000),
                layer(HarnessLayer.FULL_STACK, 250_000, 900_000),
                layer(HarnessLayer.FULL_STACK_TOXIPROXY, 400_000, 1_500_000)));
    }

    static LayerLatency layer(HarnessLayer layer, long p50, long p99) {
        return new LayerLatency(layer, new Percentiles(500, p50, (p50 + p99) / 2, p99, p99 * 2, p99 * 3),
                new Percentiles(500, p50 - 10_000, (p50 + p99) / 2 - 10_000, p99 - 10_000, p99 * 2, p99 * 3), 0);
    }

    static List<TraceWindow> windows() {
        return TraceWindow.resolve(SCHEDULE, LOAD_START);
    }

    /** Compares {@code actual} with the golden resource {@code name}, or rewrites it when asked to. */
    static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("livetalk.golden.update")) {
            Path file = Path.of("src/test/resources/dev/livetalk/metrics/results", name);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = SampleResults.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name + "; run once with -Dlivetalk.golden.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
