package dev.livetalk.bench.cli;

import dev.livetalk.bench.fanout.FanoutBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code livetalk bench}: the harness's own loopback benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the harness's own parts: loopback fan-out, the simulator, one machine's ceiling, soak memory.",
        subcommands = {BenchCommand.FanoutCommand.class, SimBenchCommand.class, CeilingBenchCommand.class,
            SoakBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code livetalk bench} alone names no benchmark: a usage error. */
    @Override
    public Integer call() {
        return LivetalkCommand.missingCommand(spec);
    }

    /** {@code livetalk bench fanout}: reference server against a bare Tyrus broadcast. */
    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = {"Measure the fan-out of one room over loopback against a bare Tyrus broadcast.",
            "The reference server (sequencing, dedupe, history) and a bare Tyrus broadcast endpoint "
            + "alternate rounds in one run; prints deliveries per second, latency percentiles "
            + "(HdrHistogram) and the throughput ratio."})
    static final class FanoutCommand implements Callable<Integer> {
        @Option(names = "--clients", defaultValue = "10", description = "Clients in the room (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--messages", defaultValue = "20000", description = "Measured messages per round (default ${DEFAULT-VALUE}).")
        int messages;

        @Option(names = "--window", defaultValue = "32", description = "Messages in flight at most (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds per target; the median counts (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            FanoutBenchmark benchmark;
            try {
                benchmark = new FanoutBenchmark(clients, messages, window, rounds, out);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            benchmark.run().print(out);
            return ExitCode.OK.code();
        }
    }
}
