package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.StrategyResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the report shows of one scenario: its runs, one per seed, after {@link Merge}
 * joined the shards of each seed. The first run is the one whose timelines are drawn.
 *
 * <p>Immutable; any thread.
 *
 * @param scenario the scenario's name
 * @param runs     one merged run per seed, in input order
 */
public record ScenarioSection(String scenario, List<SeedRun> runs) {
    public ScenarioSection {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a scenario section needs at least one run: " + scenario);
        }
        runs = List.copyOf(runs);
    }

    /**
     * One seed of a scenario: its strategies, each with the folder its interval logs are in.
     *
     * @param document the merged document (every shard's strategies, in input order)
     * @param folders  per strategy of {@code document}, the folder of its results file
     */
    public record SeedRun(ResultsDocument document, List<Path> folders) {
        public SeedRun {
            folders = List.copyOf(folders);
            if (folders.size() != document.strategies().size()) {
                throw new IllegalArgumentException("one folder per strategy: " + folders.size() + " folders for "
                        + document.strategies().size() + " strategies");
            }
        }

        /** The series {@code wanted} of the interval logs of every strategy of this seed that exist. */
        public IntervalLog intervalLog(Predicate<SeriesTag> wanted) {
            return IntervalLog.read(hlogFiles().stream().filter(Files::isRegularFile).toList(), wanted);
        }

        /** The interval logs the document names that are not there (re-rendered from results alone). */
        public List<Path> missingHlogs() {
            return hlogFiles().stream().filter(f -> !Files.isRegularFile(f)).toList();
        }

        List<Path> hlogFiles() {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < folders.size(); i++) {
                for (String hlog : document.strategies().get(i).hlogs()) {
                    files.add(folders.get(i).resolve(hlog));
                }
            }
            return files.stream().distinct().toList();
        }
    }

    /** The run whose timelines are drawn: the first seed. */
    public SeedRun first() {
        return runs.get(0);
    }

    /** Whether the section has several seeds, so a spread is shown. */
    public boolean severalSeeds() {
        return runs.size() > 1;
    }

    /** The seeds, in input order. */
    public List<Long> seeds() {
        return runs.stream().map(r -> r.document().seed()).toList();
    }

    /** Every strategy found in any seed, in first-seen order. */
    public List<String> strategies() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.document().strategies().forEach(s -> names.add(s.strategy())));
        return List.copyOf(names);
    }

    /** The results of {@code strategy} in every seed that ran it. */
    public List<StrategyResult> results(String strategy) {
        return runs.stream().map(r -> r.document().strategy(strategy)).filter(Objects::nonNull).toList();
    }
}
