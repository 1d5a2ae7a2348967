package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyProvider;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code livetalk strategies}: the strategies found, built in and plugged in, each plugged-in one
 * with the jar it came from and where that jar was named; then where strategies were looked for.
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"List the reconciliation strategies found, built in and plugged in.",
            "Plugged-in ones come through java.util.ServiceLoader (a jar on the class path with "
            + "META-INF/services/dev.livetalk.client.strategy.StrategyProvider)."})
final class StrategiesCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Plugins found = plugins.plugins();
        Strategies strategies = found.strategies();
        for (String name : strategies.names()) {
            StrategyProvider provider = strategies.provider(name);
            String origin = found.origin(name)
                    .map(jar -> "  (" + jar.path().toAbsolutePath().normalize() + ", from " + jar.source().label() + ")")
                    .orElse(Strategies.isBuiltIn(name) ? "" : "  (livetalk's class path)");
            out.printf("%-14s %-10s %s%s%n", name, Strategies.isBuiltIn(name) ? "built-in" : "plugged-in",
                    description(provider).orElse("(no description)"), origin);
        }
        out.println();
        out.println(found.lookedFor() + ".");
        out.flush();
        return ExitCode.OK.code();
    }

    /** The provider's one line, if it gives one: a plugin's may be null or blank. */
    static Optional<String> description(StrategyProvider provider) {
        return Optional.ofNullable(provider.description()).filter(line -> !line.isBlank());
    }
}
