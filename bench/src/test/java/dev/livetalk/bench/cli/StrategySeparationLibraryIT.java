package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.builtin.EventOnlyStrategy;
import dev.livetalk.client.strategy.builtin.GapFillStrategy;
import dev.livetalk.client.strategy.builtin.NaiveRetryStrategy;
import dev.livetalk.client.strategy.builtin.OrderedStrategy;
import dev.livetalk.client.strategy.builtin.ReconcileStrategy;
import dev.livetalk.client.strategy.builtin.SnapshotStrategy;
import dev.livetalk.metrics.gate.IntervalSource;
import dev.livetalk.metrics.gate.TradeOff;
import dev.livetalk.metrics.gate.Tolerance;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.reports.LoggedIntervals;
import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.ValidationError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the scenario library tells every built-in strategy apart. The library
 * ({@code scenarios/*.yaml} and {@code scenarios/sim/*.yaml}, less the scenarios the simulator
 * cannot play) is played in the simulator with {@code --strategies all}; each scenario's
 * {@link TradeOff} (the gate's noise rule, over the run's interval logs as the gate reads them)
 * must separate each of the 15 pairs of the six built-ins in at least one scenario, and each
 * built-in must be best on at least one figure somewhere. scenarios/README.md ("Which scenario
 * tells which strategies apart") lists the separators this test finds.
 */
class StrategySeparationLibraryIT extends CommandLineTest {
    private static final Path LIBRARY = Path.of(System.getProperty("livetalk.scenarios", "../scenarios"));
    private static final List<String> BUILT_INS = List.of(EventOnlyStrategy.NAME, NaiveRetryStrategy.NAME,
            OrderedStrategy.NAME, GapFillStrategy.NAME, ReconcileStrategy.NAME, SnapshotStrategy.NAME);

    @TempDir
    static Path dir;

    /** Per scenario played, its trade-off, in the order played. */
    private static final Map<String, TradeOff> TRADE_OFFS = new LinkedHashMap<>();

    @BeforeAll
    static void playTheLibraryInTheSimulator() throws IOException {
        List<String> files = new ArrayList<>();
        for (Path file : library()) {
            List<ValidationError> errors = ScenarioLoader.validate(file, LoaderOptions.DEFAULTS.withNetwork(Backend.SIM));
            boolean simulable = errors.stream().noneMatch(e -> e.message().contains("network sim cannot play"));
            assertThat(errors.isEmpty() || !simulable).as("%s: %s", file, errors).isTrue();
            if (simulable) {
                files.add(file.toString());
            }
        }
        assertThat(files).as("library scenarios the simulator plays").hasSizeGreaterThan(10);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", "--network", "sim", "--strategies", "all", "--no-ledger",
                "-q", "--out", out.toString()));
        args.addAll(files);
        StrategySeparationLibraryIT cli = new StrategySeparationLibraryIT();
        int code = cli.run(args.toArray(String[]::new));
        assertThat(code).as(cli.err.toString()).isIn(ExitCode.OK.code(), ExitCode.BUDGET_FAILED.code());
        try (Stream<Path> folders = Files.list(out)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("results.json"))).sorted().toList()) {
                ResultsDocument document = ResultsJson.read(folder.resolve("results.json"));
                assertThat(document.strategies()).extracting(s -> s.strategy()).as(folder.toString())
                        .containsAll(BUILT_INS);
                TRADE_OFFS.put(folder.getFileName().toString(),
                        TradeOff.of(document, intervals(folder, document), Tolerance.DEFAULT));
            }
        }
        assertThat(TRADE_OFFS).as("scenarios with results").hasSize(files.size());
    }

    private static List<Path> library() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(LIBRARY, LIBRARY.resolve("sim"))) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The run's interval logs, as the gate reads them (corrected series, health metrics left out). */
    private static IntervalSource intervals(Path folder, ResultsDocument document) {
        List<Path> logs = document.strategies().stream().flatMap(s -> s.hlogs().stream().map(folder::resolve))
                .toList();
        assertThat(logs).as("interval logs of " + folder).isNotEmpty().allMatch(Files::isRegularFile);
        return LoggedIntervals.of(folder, document);
    }

    @Test
    void everyPairOfBuiltInsIsSeparatedInSomeScenario() {
        List<String> unseparated = new ArrayList<>();
        StringBuilder separators = new StringBuilder();
        for (int i = 0; i < BUILT_INS.size(); i++) {
            for (int j = i + 1; j < BUILT_INS.size(); j++) {
                String a = BUILT_INS.get(i);
                String b = BUILT_INS.get(j);
                List<String> by = new ArrayList<>();
                TRADE_OFFS.forEach((scenario, tradeOff) -> tradeOff.pair(a, b).differences().forEach(d -> by.add(
                        scenario + ": " + d.figure() + " " + d.better() + " " + value(d.figure(), d.betterValue())
                                + " vs " + d.worse() + " " + value(d.figure(), d.worseValue()))));
                if (by.isEmpty()) {
                    unseparated.add(a + " / " + b + ": no figure beyond noise in any scenario; figures compared:\n"
                            + compared(a, b));
                } else {
                    separators.append(a).append(" / ").append(b).append(": ").append(by.size())
                            .append(" figures, e.g. ").append(by.getFirst()).append('\n');
                }
            }
        }
        System.out.print(separators);
        assertThat(unseparated).as("pairs of built-in strategies no library scenario tells apart (separated: %n%s)",
                separators).isEmpty();
    }

    @Test
    void everyBuiltInIsBestOnSomeFigureSomewhere() {
        List<String> neverBest = new ArrayList<>();
        for (String strategy : BUILT_INS) {
            List<String> best = new ArrayList<>();
            TRADE_OFFS.forEach((scenario, tradeOff) -> tradeOff.bestOn(strategy)
                    .forEach(f -> best.add(scenario + ": " + f.figure())));
            if (best.isEmpty()) {
                neverBest.add(strategy);
            } else {
                System.out.println(strategy + " best on " + best.size() + " figures, e.g. " + best.getFirst());
            }
        }
        assertThat(neverBest).as("built-ins best on no figure in any scenario of %s", TRADE_OFFS.keySet()).isEmpty();
    }

    /** Per scenario, the figures on which {@code a} and {@code b} have different values, with both values. */
    private static String compared(String a, String b) {
        StringBuilder text = new StringBuilder();
        TRADE_OFFS.forEach((scenario, tradeOff) -> {
            List<String> differing = tradeOff.figures().stream()
                    .filter(f -> f.values().containsKey(a) && f.values().containsKey(b))
                    .filter(f -> !f.values().get(a).equals(f.values().get(b)))
                    .map(f -> f.figure() + " " + value(f.figure(), f.values().get(a)) + " vs "
                            + value(f.figure(), f.values().get(b)))
                    .toList();
            text.append("    ").append(scenario).append(": ")
                    .append(differing.isEmpty() ? "every figure equal" : String.join(", ", differing)).append('\n');
        });
        return text.toString();
    }

    /** A latency figure's value ({@code peer-final p99 all}, ns) in ms, or a count. */
    private static String value(String figure, double value) {
        boolean latency = figure.matches(".* p\\d+ .*");
        return Double.isInfinite(value) ? "never" : latency ? String.format(Locale.ROOT, "%.1f ms", value / 1e6)
                : String.format(Locale.ROOT, "%.0f", value);
    }
}
