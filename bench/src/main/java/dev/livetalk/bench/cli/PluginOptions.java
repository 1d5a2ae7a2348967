package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.scenarios.ClosestName;
import dev.livetalk.scenarios.LoaderOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code --plugins}, as a picocli mixin of every command that names strategies ({@code run},
 * {@code validate}, {@code strategies}, {@code calibrate}, {@code bench sim}) and of the
 * top-level command, so that both {@code livetalk run --plugins X} and
 * {@code livetalk --plugins X run} work: a command's {@link #plugins()} adds the values given to
 * the commands above it. Loads the {@link Plugins} once per command, on first use.
 */
final class PluginOptions {
    /** The mixin's name, by which a subcommand finds its parents' values. */
    static final String NAME = "plugins";

    @Option(names = "--plugins", paramLabel = "JAR|DIR", split = ",",
            description = "Strategy jars, or folders of them, to play beside the built-in strategies (repeatable;"
                    + " also path-separated); added to $LIVETALK_PLUGINS and the plugins/ folder beside the launcher"
                    + " (docs/WRITING-A-STRATEGY.md).")
    List<String> values = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The environment, read for {@link Plugins#ENV}; a test hands in its own. */
    UnaryOperator<String> environment = System::getenv;

    private Plugins loaded;

    /** The plugins of this command line; loaded on first use. */
    Plugins plugins() {
        if (loaded == null) {
            loaded = Plugins.load(allValues(), environment.apply(Plugins.ENV), Home.resolve(Plugins.FOLDER));
        }
        return loaded;
    }

    /** The strategies: built in and plugged in. */
    Strategies strategies() {
        return plugins().strategies();
    }

    /** Scenario loading that knows these strategies and says where they were looked for. */
    LoaderOptions loaderOptions() {
        return LoaderOptions.DEFAULTS.withKnownStrategies(new HashSet<>(strategies().names()), plugins().lookedFor());
    }

    /**
     * {@code name}, when it is a strategy found; else a {@link UsageException} for {@code option}
     * naming the known ones, the closest, and where strategies were looked for.
     */
    String known(String option, String name) {
        List<String> known = strategies().names();
        if (!known.contains(name)) {
            throw new UsageException(option + ": unknown strategy '" + name + "'" + ClosestName.hint(name, known)
                    + " (known: " + String.join(", ", known) + "); " + plugins().lookedFor());
        }
        return name;
    }

    /** This command's values after those of the commands above it. */
    private List<String> allValues() {
        List<String> all = new ArrayList<>();
        if (mixee != null) {
            List<CommandSpec> parents = new ArrayList<>();
            for (CommandSpec parent = mixee.parent(); parent != null; parent = parent.parent()) {
                parents.addFirst(parent);
            }
            for (CommandSpec parent : parents) {
                CommandSpec mixin = parent.mixins().get(NAME);
                if (mixin != null && mixin.userObject() instanceof PluginOptions options) {
                    all.addAll(options.values);
                }
            }
        }
        all.addAll(values);
        return all;
    }
}
