package dev.livetalk.junit;

import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.JunitXmlWriter;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.network.ToxiproxyBackend;
import dev.livetalk.reports.ReportWriter;
import dev.livetalk.reports.RunFolder;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.ScenarioRunner;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.StrategySelection;
import dev.livetalk.simulator.SimBackend;
import dev.livetalk.simulator.SimSettings;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One scenario to play: its strategies (built-in ones by name, the test's own as a class), the
 * backend (the simulator unless told otherwise), the seed, then {@link #run()}. The one runner
 * of the command line plays it ({@code ScenarioRunner} with {@code SimBackend} or
 * {@code ToxiproxyBackend}) and writes the usual folder: {@code results.json}, {@code junit.xml},
 * {@code fault-schedule.json}, {@code STRATEGY.hlog}, {@code ledger/} and {@code index.html}.
 *
 * <p>Not thread-safe: built and run by one thread; separate plays may run on separate threads
 * (in the simulator at once; through Toxiproxy one at a time).
 */
public final class Play {
    private final LiveTalkRunner runner;
    private final ScenarioSource source;
    private final Set<String> named = new LinkedHashSet<>();
    private final List<StrategyProvider> own = new ArrayList<>();
    private Backend network = Backend.SIM;
    private Long seed;
    private boolean failOnBudgets = true;
    private boolean ledger = true;
    private boolean report = true;
    private Path folder;

    Play(LiveTalkRunner runner, ScenarioSource source) {
        this.runner = runner;
        this.source = Objects.requireNonNull(source, "scenario");
    }

    /**
     * Plays these strategies, by name: built-in ones ({@code reconcile}, {@code event-only}, ...),
     * those on the class path and the test's own. Without any (here or by {@code strategy(...)}),
     * the scenario's own {@code strategies:} are played.
     */
    public Play strategies(String... names) {
        for (String name : names) {
            named.add(Objects.requireNonNull(name, "strategy name"));
        }
        return this;
    }

    /** Plays the strategy {@code provider} makes, by its name. */
    public Play strategy(StrategyProvider provider) {
        own.add(Objects.requireNonNull(provider, "provider"));
        named.add(provider.name());
        return this;
    }

    /**
     * Plays the strategy made by a provider class with a public no-argument constructor (as
     * the ServiceLoader would make it).
     *
     * @throws IllegalArgumentException when it cannot be made
     */
    public Play strategy(Class<? extends StrategyProvider> providerClass) {
        try {
            return strategy(providerClass.getConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("strategy provider " + providerClass.getName()
                    + " needs a public no-argument constructor: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("strategy provider " + providerClass.getName() + " failed to construct: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * Plays the strategy {@code factory} makes, such as {@code MyStrategy::new}, under the name its
     * {@link ReconciliationStrategy#name()} returns (one instance is made at once to read it); one
     * new instance per client session.
     */
    public Play strategy(Supplier<? extends ReconciliationStrategy> factory) {
        Objects.requireNonNull(factory, "factory");
        ReconciliationStrategy sample = Objects.requireNonNull(factory.get(), "the strategy factory returned null");
        return strategy(new SuppliedStrategy(sample.name(), sample.getClass(), factory));
    }

    /** Plays with this seed instead of the scenario's own (load, fault schedule, clients). */
    public Play seed(long value) {
        this.seed = value;
        return this;
    }

    /** Plays on this backend instead of the simulator: {@link Backend#TOXIPROXY} or {@link Backend#SIM}. */
    public Play network(Backend backend) {
        this.network = Objects.requireNonNull(backend, "backend");
        return this;
    }

    /** Plays through a real Toxiproxy (launched once for the JVM, as {@code livetalk run} finds or starts it). */
    public Play toxiproxy() {
        return network(Backend.TOXIPROXY);
    }

    /**
     * Returns the results even when a budget fails, or when none was judged (the scenario's budgets
     * are all for strategies not played), for a test that asserts on them itself
     * ({@link LiveTalkResults#passed()}, {@link LiveTalkResults#failures()},
     * {@link LiveTalkResults#notJudged()}); by default either fails the test.
     */
    public Play allowFailedBudgets() {
        this.failOnBudgets = false;
        return this;
    }

    /** Does not write the ledger ({@code ledger/STRATEGY/}), which saves time and disk on long runs. */
    public Play withoutLedger() {
        this.ledger = false;
        return this;
    }

    /** Does not write {@code index.html}, {@code summary.md} and {@code charts/}. */
    public Play withoutReport() {
        this.report = false;
        return this;
    }

    /** Writes into {@code folder} instead of {@code <test folder>/<scenario>/}. */
    public Play into(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /**
     * Plays the scenario once per strategy, writes the folder, and returns what was measured.
     *
     * @throws AssertionFailedError     when a budget fails, or when the scenario has budgets and none
     *                                  applies to a strategy played, NOT JUDGED (unless
     *                                  {@link #allowFailedBudgets()}): its message lists each failure
     *                                  and each budget not judged as the command line does, and where
     *                                  the report is
     * @throws IllegalArgumentException for an invalid scenario, an unknown strategy or a clash of names
     * @throws IllegalStateException    when the harness failed (the partial results are written)
     * @throws dev.livetalk.network.NetworkBackendException when no Toxiproxy is found; it says how to get one
     */
    public LiveTalkResults run() {
        Strategies strategies = strategies();
        List<String> known = strategies.names();
        Scenario scenario = source.load(LoaderOptions.DEFAULTS.withKnownStrategies(new HashSet<>(known))
                .withNetwork(network));
        List<String> played = played(scenario, known);
        long runSeed = seed != null ? seed : scenario.seed();
        Path out = folder != null ? LiveTalkRunner.claimNamed(folder) : runner.claim(scenario.name());
        RunSettings settings = RunSettings.DEFAULTS.withStrategies(strategies);
        ResultsDocument document;
        try {
            document = network == Backend.SIM
                    ? new ScenarioRunner(new SimBackend(SimSettings.DEFAULTS), settings, RunProgress.NONE, ledger)
                            .run(scenario, played, runSeed, out)
                    : runner.toxiproxy().exclusively(server -> new ScenarioRunner(new ToxiproxyBackend(server), settings,
                            RunProgress.NONE, ledger).run(scenario, played, runSeed, out));
            return judge(document.withNotJudged(UnjudgedBudget.of(scenario.budgets(), played)), out);
        } catch (IOException e) {
            throw new UncheckedIOException("scenario " + scenario.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while playing scenario " + scenario.name(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("scenario " + scenario.name() + ": " + e, e);
        }
    }

    /**
     * Writes the folder and judges it; throws when the harness failed or (by default) when the
     * verdict is not a pass: a budget failed, or none was judged.
     */
    private LiveTalkResults judge(ResultsDocument document, Path out) throws IOException {
        ResultsJson.write(document, out.resolve("results.json"));
        Files.writeString(out.resolve("junit.xml"), JunitXmlWriter.toXml(document, List.of()));
        Optional<Path> index = Optional.empty();
        Verdict verdict;
        if (report) {
            ReportWriter.Report written = ReportWriter.writeRuns(List.of(new RunFolder(document, out)), out,
                    Optional.empty());
            verdict = written.verdict();
            index = Optional.of(written.index());
        } else {
            verdict = Verdict.of(document, List.of());
        }
        LiveTalkResults results = new LiveTalkResults(document, verdict, out, index);
        System.out.printf("livetalk: %s on %s, seed %d, %s: %s%n", document.scenario(), document.network(),
                document.seed(), verdict.word(), index.orElse(out.resolve("results.json")).toAbsolutePath().normalize());
        if (document.stopped() != null) {
            throw new IllegalStateException("the harness failed: scenario " + document.scenario() + ", strategy "
                    + document.stopped().strategy() + ": " + document.stopped().reason() + "; partial results in "
                    + out.resolve("results.json").toAbsolutePath().normalize());
        }
        if (failOnBudgets && !verdict.passed()) {
            throw new AssertionFailedError(results.failureMessage());
        }
        return results;
    }

    /**
     * The strategies found on the class path, with the test's own; one of the test's that has the
     * name of one found is the same when it makes the same class (the template's strategy is found
     * through its own META-INF/services too), else a clash.
     */
    private Strategies strategies() {
        Strategies strategies = RunSettings.DEFAULTS.strategies();
        for (StrategyProvider provider : own) {
            if (strategies.names().contains(provider.name())) {
                StrategyProvider found = strategies.provider(provider.name());
                if (found.getClass() == provider.getClass() || !Strategies.isBuiltIn(provider.name())
                        && makes(found) == makes(provider)) {
                    continue;
                }
                throw new IllegalArgumentException("the test's strategy " + provider.name() + " ("
                        + makes(provider).getName() + ") has the name of "
                        + (Strategies.isBuiltIn(provider.name()) ? "a built-in strategy"
                                : "the strategy of " + found.getClass().getName() + " on the class path")
                        + ": give it a name of its own");
            }
            strategies = strategies.with(provider);
        }
        return strategies;
    }

    private static Class<?> makes(StrategyProvider provider) {
        return provider instanceof SuppliedStrategy supplied ? supplied.type()
                : provider.create(StrategySettings.defaults()).getClass();
    }

    /** The strategies to play: those named, else the scenario's; every one known. */
    private List<String> played(Scenario scenario, List<String> known) {
        if (named.isEmpty()) {
            return switch (scenario.strategies()) {
                case StrategySelection.All all -> known;
                case StrategySelection.Named list -> list.names();
            };
        }
        for (String name : named) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + String.join(", ", known)
                        + " (a strategy of the test's own is given by strategy(MyStrategy::new) or strategy(MyProvider.class))");
            }
        }
        return List.copyOf(named);
    }

    /** A strategy given as a factory. */
    private record SuppliedStrategy(String name, Class<?> type, Supplier<? extends ReconciliationStrategy> factory)
            implements StrategyProvider {
        @Override
        public String description() {
            return "given by the test (" + type.getName() + ")";
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            return factory.get();
        }
    }
}
