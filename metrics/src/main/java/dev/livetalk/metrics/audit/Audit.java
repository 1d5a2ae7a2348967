package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.results.ResultsJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code livetalk audit}: recounts every figure of each {@code results.json} under a folder (a
 * run folder with scenario folders, or one scenario folder) from the strategy's ledger beside it
 * ({@code ledger/STRATEGY/}), by the {@link FigureTable}, and lists each figure that differs
 * beyond its {@link Tolerance} and each figure the table does not know. The ledger is read one
 * room at a time ({@link LedgerRooms}), whatever its length.
 *
 * <p>Stateless; any thread.
 */
public final class Audit {
    private Audit() {
    }

    /**
     * A figure whose document value and ledger recount disagree.
     *
     * @param scenario  the scenario
     * @param strategy  the strategy
     * @param figure    the figure, with metric, phase and percentile for a latency
     * @param reported  the value in {@code results.json}
     * @param recounted the value recounted from the ledger
     * @param tolerance the rule they break
     */
    public record Difference(String scenario, String strategy, String figure, String reported, String recounted,
                             String tolerance) {
        @Override
        public String toString() {
            return scenario + " / " + strategy + ": " + figure + ": results.json " + reported + ", ledger " + recounted
                    + " (tolerance " + tolerance + ")";
        }
    }

    /**
     * What the audit found.
     *
     * @param figures        figures compared
     * @param scenarios      results documents audited
     * @param differences    the figures that differ
     * @param unknownFigures figures of the documents the audit has no recount for, by name
     */
    public record Result(long figures, int scenarios, List<Difference> differences, List<String> unknownFigures) {
        public Result {
            differences = List.copyOf(differences);
            unknownFigures = List.copyOf(unknownFigures);
        }

        /** Whether every figure was audited and agrees. */
        public boolean agrees() {
            return differences.isEmpty() && unknownFigures.isEmpty();
        }

        /** The summary line. */
        public String summary() {
            // the audit leans on no results type but ResultsJson (docs/ARCHITECTURE.md), so no Words here
            return "audit: " + figures + (figures == 1 ? " figure" : " figures") + " checked in " + scenarios
                    + (scenarios == 1 ? " scenario, " : " scenarios, ")
                    + (differences.isEmpty() ? "all agree" : differences.size() + " differ");
        }
    }

    /**
     * Audits every {@code results.json} in {@code folder} or its scenario folders.
     *
     * @throws AuditInputException when the folder is missing, holds no results document, or a
     *                             strategy's ledger is missing or unreadable
     */
    public static Result of(Path folder) {
        return of(folder, List.of());
    }

    /**
     * Audits every {@code results.json} in {@code folder} or its scenario folders but those named
     * in {@code leftOut} (scenario folders an earlier run left in a run's folder, which the run
     * did not play).
     *
     * @throws AuditInputException when the folder is missing, holds no results document, or a
     *                             strategy's ledger is missing or unreadable
     */
    public static Result of(Path folder, java.util.Collection<String> leftOut) {
        List<Path> documents = documentsIn(folder, leftOut);
        long figures = 0;
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (Path document : documents) {
            ObjectNode results = readResults(document);
            String scenario = results.path("scenario").asText();
            long seed = results.path("seed").asLong();
            for (JsonNode strategy : results.path("strategies")) {
                String name = strategy.path("strategy").asText();
                List<String> roomNames = new ArrayList<>();
                for (JsonNode room : strategy.path("rooms")) {
                    if (room.hasNonNull("room")) {
                        roomNames.add(room.path("room").asText());
                    }
                }
                LedgerFiles.Stamp stamp = new LedgerFiles.Stamp(scenario, name, seed);
                JsonNode stopped = results.path("stopped");
                boolean stoppedAt = name.equals(stopped.path("strategy").asText(null));
                String stoppedHere = stoppedAt ? stopped.path("cause").asText() + ": " + stopped.path("reason").asText()
                        : null;
                figures += compare(scenario, name, StrategyLeaves.of(strategy), recount(document, stamp, roomNames,
                        stoppedHere, stoppedAt && stopped.path("figuresKept").asBoolean(false)), differences, unknown);
            }
        }
        return new Result(figures, documents.size(), differences, List.copyOf(unknown));
    }

    /** Compares the leaves with the checks; returns how many figures it compared. */
    static long compare(String scenario, String strategy, Map<String, JsonNode> leaves, List<Check> checks,
                        List<Difference> differences, TreeSet<String> unknown) {
        TreeSet<String> unaudited = new TreeSet<>(leaves.keySet());
        long compared = 0;
        for (Check check : checks) {
            if (!check.paths().stream().allMatch(leaves::containsKey)) {
                continue; // a figure this document does not carry
            }
            unaudited.removeAll(check.paths());
            Reading reported = sum(check.paths().stream().map(p -> Reading.of(leaves.get(p))).toList());
            compared++;
            if (!check.tolerance().agrees(reported, check.recounted())) {
                differences.add(new Difference(scenario, strategy, check.figure(), reported.toString(),
                        check.recounted().toString(), check.tolerance().rule()));
            }
        }
        unaudited.forEach(path -> unknown.add(figureName(path)));
        return compared;
    }

    private static Reading sum(List<Reading> readings) {
        if (readings.size() == 1) {
            return readings.get(0);
        }
        long total = 0;
        for (Reading reading : readings) {
            if (!(reading instanceof Reading.Whole whole)) {
                return reading;
            }
            total += whole.value();
        }
        return new Reading.Whole(total);
    }

    /** A leaf's figure: a latency metric as a whole, else its path with array keys elided; a room's under {@code rooms[*].}. */
    static String figureName(String path) {
        if (path.startsWith("rooms[") && path.indexOf("].") > 0) {
            return FigureTable.ROOM + figureName(path.substring(path.indexOf("].") + 2));
        }
        if (path.startsWith("latency[")) {
            return "latency[" + path.substring("latency[".length(), path.indexOf('/')) + "/*]";
        }
        return path.replaceAll("\\[[^]]*]", "[*]");
    }

    private static List<Path> documentsIn(Path folder, java.util.Collection<String> leftOut) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new AuditInputException("the folder to audit must be a folder: " + folder + " is a file (give the"
                    + " folder of a run, its --out, or of one scenario, the one holding results.json)");
        }
        if (!Files.isDirectory(folder)) {
            throw new AuditInputException("the folder to audit must exist: " + folder);
        }
        if (Files.isRegularFile(folder.resolve("results.json"))) {
            return List.of(folder.resolve("results.json"));
        }
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> documents = children.filter(c -> !leftOut.contains(c.getFileName().toString()))
                    .map(c -> c.resolve("results.json")).filter(Files::isRegularFile).sorted().toList();
            if (documents.isEmpty()) {
                throw new AuditInputException("the folder to audit must hold results.json or scenario folders with "
                        + "one: " + folder);
            }
            return documents;
        } catch (IOException | UncheckedIOException e) {
            throw new AuditInputException("the folder to audit must be readable: cannot list " + folder + " ("
                    + (e instanceof UncheckedIOException u ? u.getCause() : e) + ")");
        }
    }

    private static ObjectNode readResults(Path document) {
        try {
            return ResultsJson.readTree(document);
        } catch (IllegalArgumentException e) {
            throw new AuditInputException(e.getMessage(), e); // names the file
        }
    }

    /**
     * The checks of every figure of {@code strategy} and of each of {@code rooms}, recounted from
     * its ledger room by room ({@link LedgerRooms}): each room's checks are taken as soon as the
     * room is recounted, so one room's rows are held at a time.
     */
    private static List<Check> recount(Path document, LedgerFiles.Stamp of, List<String> rooms, String stoppedHere,
                                       boolean keptByStop) {
        String strategy = of.strategy();
        Path folder = document.resolveSibling("ledger").resolve(strategy);
        if (!LedgerFiles.isLedger(folder)) {
            // a strategy kept by a heap stop once its figures were complete may have lost its ledger: its stop says
            // whether; any other stop leaves --no-ledger the likely cause
            throw new AuditInputException(document + ": strategy " + strategy + " has no ledger at " + folder
                    + (keptByStop ? ": the run stopped at " + strategy + " (" + stoppedHere + ")"
                    : stoppedHere == null ? "" : " (the run stopped at " + strategy + ": " + stoppedHere + ")")
                    + "; every audited strategy needs its ledger" + (keptByStop ? "" : "; rerun without --no-ledger"));
        }
        try {
            requireSameRun(document, of, folder);
            try (LedgerRooms ledger = LedgerRooms.read(folder)) {
                return checks(ledger, rooms);
            } catch (LedgerRooms.NotRoomByRoom e) {
                try (LedgerRooms ledger = LedgerRooms.read(folder, true)) {
                    return checks(ledger, rooms);
                }
            }
        } catch (IOException e) {
            throw new AuditInputException("cannot read the ledger of " + strategy + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a ledger whose rows are of another scenario, strategy or seed than {@code document}
     * says (a folder assembled from two runs): its figures would all differ, and none of them
     * would be the run's.
     */
    private static void requireSameRun(Path document, LedgerFiles.Stamp of, Path folder) throws IOException {
        java.util.Optional<LedgerFiles.Stamp> ledger = LedgerFiles.stampOf(folder);
        if (ledger.isPresent() && !ledger.get().equals(of)) {
            throw new AuditInputException("the ledger at " + folder + " is of another run than " + document
                    + ": the ledger is of " + runOf(ledger.get()) + ", results.json of " + runOf(of)
                    + "; audit a run's folder as the run wrote it (results.json with its own ledger/ beside it)");
        }
    }

    private static String runOf(LedgerFiles.Stamp stamp) {
        return "scenario " + stamp.scenario() + ", strategy " + stamp.strategy() + ", seed " + stamp.seed();
    }

    private static List<Check> checks(LedgerRooms ledger, List<String> rooms) throws IOException {
        Map<String, List<Check>> roomChecks = new HashMap<>();
        Set<String> wanted = new HashSet<>(rooms);
        Recount recount = Recount.of(ledger, (room, its) -> {
            if (wanted.contains(room)) {
                roomChecks.put(room, FigureTable.roomChecks(room, its));
            }
        });
        List<Check> checks = new ArrayList<>(FigureTable.checks(recount));
        for (String room : rooms) {
            checks.addAll(roomChecks.computeIfAbsent(room, r -> FigureTable.roomChecks(r, Recount.ofNoRows(ledger))));
        }
        return checks;
    }
}
