package dev.livetalk.metrics.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a strategy's ledger lies: {@code ledger/STRATEGY/} in its scenario's folder, which is
 * named after the scenario.
 *
 * <p>Immutable; any thread.
 *
 * @param scenario the scenario folder's path from the folder searched ({@code lost-ack}), or its
 *                 name when the folder searched is the scenario's
 * @param strategy the strategy
 * @param path     the ledger folder
 */
public record LedgerFolder(String scenario, String strategy, Path path) {
    /** The name of the folder of ledgers in a scenario's folder. */
    public static final String FOLDER = "ledger";
    private static final int MAX_DEPTH = 5;

    /** The ledger folder of {@code strategy} in {@code scenarioFolder}: {@code ledger/STRATEGY}. */
    public static Path of(Path scenarioFolder, String strategy) {
        return scenarioFolder.resolve(FOLDER).resolve(strategy);
    }

    /** The scenario folder the ledger lies in. */
    public Path scenarioFolder() {
        return path.getParent().getParent();
    }

    /**
     * Every ledger in {@code dir} (a scenario's folder) or under it (a run's folder, a sweep's),
     * ordered by scenario then strategy.
     */
    public static List<LedgerFolder> under(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            return files.filter(f -> f.getFileName().toString().equals(LedgerTable.MESSAGES.fileName()))
                    .map(Path::getParent)
                    .filter(ledger -> ledger.getParent() != null
                            && ledger.getParent().getFileName().toString().equals(FOLDER)
                            && ledger.getParent().getParent() != null)
                    .map(ledger -> {
                        Path scenario = ledger.getParent().getParent();
                        String name = scenario.equals(dir) || dir.relativize(scenario).toString().isEmpty()
                                ? scenario.toAbsolutePath().normalize().getFileName().toString()
                                : dir.relativize(scenario).toString();
                        return new LedgerFolder(name, ledger.getFileName().toString(), ledger);
                    })
                    .sorted(Comparator.comparing(LedgerFolder::scenario).thenComparing(LedgerFolder::strategy))
                    .toList();
        }
    }
}
