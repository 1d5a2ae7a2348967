package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyProvider;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code livetalk strategies}: the strategies on the class path, built in and plugged in. */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"List the reconciliation strategies found, built in and plugged in.",
            "Plugged-in ones come through java.util.ServiceLoader (a jar on the class path with "
            + "META-INF/services/dev.livetalk.client.strategy.StrategyProvider)."})
final class StrategiesCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Strategies strategies = Strategies.load();
        for (String name : strategies.names()) {
            StrategyProvider provider = strategies.provider(name);
            out.printf("%-14s %-9s %s%n", name, Strategies.isBuiltIn(name) ? "built-in" : "plugged-in",
                    provider.description());
        }
        return ExitCode.OK.code();
    }
}
