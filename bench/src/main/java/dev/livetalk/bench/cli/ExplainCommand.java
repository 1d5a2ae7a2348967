package dev.livetalk.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.LedgerIndex;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.MessageStory;
import dev.livetalk.metrics.results.ScenarioStop;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.scenarios.ClosestName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code livetalk explain}: prints one message's life across every client from the ledgers of a
 * run ({@link MessageStory}), in every scenario and strategy where its id exists, up to
 * {@link #MAX_STORIES}; beyond that it lists where the id exists and how to narrow. Of a run's
 * folder it reads only the scenario folders its {@code shard.json} lists (those an earlier run
 * into the same folder left are named and left out), and of a run that stopped early
 * ({@link StoppedRun}, or a scenario whose {@code results.json} says it stopped) it says so
 * before the stories, and heads each story of a part the run did not finish as such.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Tell one message's life across every client, from the ledger of a run.",
            "",
            "One line per step, in time order, in seconds since the end of the warm-up:",
            "intended, handed to the client, every transmission, the local echo, every",
            "commit, every status of the sender's line, and per recipient first shown,",
            "final place, delivered and read markers and when the sender saw their",
            "receipts; each naming the client it happened at and, in brackets, the fault",
            "windows hitting that client then. Then what each client's final transcript",
            "holds of it (lost, duplicated, moves) and what never happened.",
            "",
            "A room and seq (room1:5, the final log's) exists under every strategy: each story is printed,",
            "headed by scenario and strategy, up to " + ExplainCommand.MAX_STORIES + "; with more, the places are",
            "listed with the command to narrow to each, and it exits 2. The report's",
            "examples show the command for each of them.",
            "",
            "Of a run's folder it reads only the scenario folders its shard.json lists (those an",
            "earlier run into the folder left are named and left out). Of a run stopped early",
            "(stopped.json, or a results.json that says a strategy stopped) it says so first: what",
            "stopped it, during which scenario and strategy, and what its ledgers may lack."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  0:the story (or stories) printed",
            "  2:no such folder, no ledger in it (run with --no-ledger; a merged report's folder: the shard folders"
                + " hold the ledgers, and the message names them), an unknown scenario, strategy or message id"
                + " (up to 3 close ones are named), a scenario an earlier run into the folder left, a run stopped before"
                + " it wrote a ledger (the message names stopped.json and what it says), or more than "
                + ExplainCommand.MAX_STORIES + " stories to narrow"})
final class ExplainCommand implements Callable<Integer> {
    /** Stories printed at most without --scenario/--strategy: what a reviewer compares side by side. */
    static final int MAX_STORIES = 4;
    private static final int SUGGESTIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "DIR", description = "A run's folder (--out of livetalk run) or one scenario's"
            + " folder in it; of a sharded run, a shard's folder (a merged report's folder names them).")
    Path dir;

    @Parameters(index = "1", paramLabel = "MESSAGE-ID", description = "A room and seq (room1:5), a server id"
            + " (room1:5.0685e8eb), a ledger key (send:user1:abd50382-1) or a client message id (abd50382-1).")
    String id;

    @Option(names = "--strategy", paramLabel = "S", description = "Only the ledger of strategy S.")
    String strategy;

    @Option(names = "--scenario", paramLabel = "N", description = "Only scenario N (its folder's name in DIR).")
    String scenario;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private record Found(LedgerFolder folder, MessageStory story) {
    }

    /** What is said before the stories: folders left out, how the run stopped. */
    private final List<String> notes = new ArrayList<>();
    /** Why the run stopped, if it did. */
    private Optional<StoppedRun> stopped = Optional.empty();
    /** Per scenario folder (its path from DIR) whose results.json says a strategy stopped: that strategy. */
    private final Map<String, String> stoppedStrategy = new TreeMap<>();
    /** Per such scenario, whether its stop came once the strategy's figures were complete ({@link ScenarioStop#figuresKept}). */
    private final Map<String, Boolean> keptAtStop = new TreeMap<>();

    @Override
    public Integer call() throws IOException {
        List<LedgerFolder> all = ledgers();
        all = ofTheRun(all);
        stopped = StoppedRun.of(dir);
        if (all.isEmpty()) {
            throw new UsageException(noLedger());
        }
        List<LedgerFolder> folders = narrow(narrow(all, scenario, "scenario", "scenarios", LedgerFolder::scenario),
                strategy, "strategy", "strategies", LedgerFolder::strategy);
        noteStops(folders);
        List<Found> found = new ArrayList<>();
        Set<String> close = new LinkedHashSet<>();
        for (LedgerFolder folder : folders) {
            LedgerIndex index = read(folder);
            for (MessageRow message : index.find(id)) {
                found.add(new Found(folder, MessageStory.of(index, message)));
            }
            close.addAll(index.closeTo(id, SUGGESTIONS));
        }
        if (found.isEmpty()) {
            List<String> closest = ClosestName.closest(id, close, SUGGESTIONS);
            throw new UsageException("no message '" + id + "' in " + where(folders)
                    + ": it is no ledger key, server id, room:seq or client message id there"
                    + (closest.isEmpty() ? "" : "; close ones: " + String.join(", ", closest))
                    + stopped.map(s -> "; the run was stopped before its end (" + s.says() + "): a message of what it"
                            + " did not play is in no ledger").orElse(""));
        }
        if (found.size() > MAX_STORIES) {
            throw new UsageException(tooMany(found));
        }
        print(found);
        return ExitCode.OK.code();
    }

    private List<LedgerFolder> ledgers() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException((Files.exists(dir) ? dir + " is a file, not a folder" : "no such folder: " + dir)
                    + " (DIR is the folder of a run, its --out, or of one scenario in it)");
        }
        List<LedgerFolder> all;
        try {
            all = LedgerFolder.under(dir);
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot search " + dir + " for ledgers: " + e.getCause());
        } catch (IOException e) {
            throw new UsageException("cannot search " + dir + " for ledgers: " + e);
        }
        if (all.isEmpty() && StoppedRun.of(dir).isEmpty()) {
            LedgerElsewhere.of(dir, "explain", id, scenario, strategy).ifPresent(e -> {
                throw e;
            });
        }
        return all;
    }

    /**
     * The ledgers of the run whose {@code shard.json} {@link #dir} holds: those of scenario folders
     * it did not play (an earlier run into the same {@code --out} left them) are noted and left
     * out. All of them when {@code dir} holds no {@code shard.json} of a run (a scenario's
     * folder, a run of an earlier livetalk).
     */
    private List<LedgerFolder> ofTheRun(List<LedgerFolder> all) throws IOException {
        Optional<ShardManifest> manifest;
        try {
            manifest = ShardManifest.read(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (manifest.isEmpty() || !manifest.get().kind().equals("run")) {
            return all;
        }
        Set<String> played = manifest.get().scenarios();
        Set<String> stale = new java.util.TreeSet<>();
        List<LedgerFolder> kept = new ArrayList<>();
        for (LedgerFolder folder : all) {
            String top = topFolder(folder);
            if (played.contains(top)) {
                kept.add(folder);
            } else {
                stale.add(top);
            }
        }
        if (stale.isEmpty()) {
            return all;
        }
        String lists = "its " + ShardManifest.FILE + " lists " + (played.isEmpty() ? "no scenario"
                : String.join(", ", played));
        if (scenario != null && stale.contains(scenario.split("/", 2)[0])) {
            throw new UsageException("scenario '" + scenario + "' in " + dir + " is not of the run into it (" + lists
                    + "): " + dir.resolve(scenario.split("/", 2)[0]) + " was left by an earlier run into that folder;"
                    + " explain " + dir.resolve(scenario.split("/", 2)[0]) + " to read it anyway");
        }
        notes.add("note: left out " + String.join(", ", stale.stream().map(n -> dir.resolve(n).toString()).toList())
                + ": not played by the run into " + dir + " (" + lists + "); an earlier run into that folder left "
                + (stale.size() == 1 ? "it" : "them"));
        return kept;
    }

    /** The first folder of a ledger's scenario under {@link #dir}: the scenario folder of a run's folder. */
    private static String topFolder(LedgerFolder folder) {
        return folder.scenario().split("[/\\\\]", 2)[0];
    }

    /** Why {@link #dir} (of the run, stale folders left out) holds no ledger. */
    private String noLedger() {
        String what = dir + " holds no ledger (" + LedgerFolder.FOLDER + "/STRATEGY/ in a scenario's folder)"
                + (notes.isEmpty() ? "" : " of the run into it (" + notes.get(0).substring("note: ".length()) + ")");
        if (stopped.isPresent()) {
            return what + ": the run was stopped before it wrote one (" + stopped.get().says() + "); rerun it to"
                    + " its end to explain its messages";
        }
        return what + ": it was run with --no-ledger, or is no run's folder; rerun without --no-ledger to"
                + " explain its messages";
    }

    /**
     * Notes how the run stopped, if it did: the marker's words, and per scenario of {@code folders}
     * whose results.json says a strategy stopped early, that strategy and why.
     */
    private void noteStops(List<LedgerFolder> folders) {
        Set<String> unfinished = new java.util.TreeSet<>();
        Set<Path> read = new java.util.HashSet<>();
        for (LedgerFolder folder : folders) {
            Path scenarioFolder = folder.scenarioFolder();
            if (!read.add(scenarioFolder)) {
                continue;
            }
            JsonNode stop = stopOf(scenarioFolder.resolve("results.json"));
            if (stop != null) {
                String reason = stop.path("reason").asText();
                boolean kept = stop.path("figuresKept").asBoolean(false);
                stoppedStrategy.put(folder.scenario(), stop.path("strategy").asText());
                keptAtStop.put(folder.scenario(), kept);
                notes.add("note: scenario " + folder.scenario() + " stopped " + (kept ? "after" : "early during")
                        + " strategy " + stop.path("strategy").asText() + " (" + scenarioFolder.resolve("results.json")
                        + ": " + stop.path("cause").asText() + ", " + reason + "): "
                        + (kept ? "its figures and its ledger, if written, are whole"
                        : "its ledger, if any, holds that strategy's run only as far as it went")
                        + ", and the strategies after it were not played");
            } else if (stopped.isPresent() && !finishedScenario(folder)) {
                unfinished.add(folder.scenario());
            }
        }
        stopped.ifPresent(s -> notes.add(0, "note: the run was stopped before its end (" + s.says() + ")"
                + (unfinished.isEmpty() ? (stoppedStrategy.isEmpty() ? "; the stories below are of scenarios it finished"
                : "") : "; "
                + String.join(", ", unfinished) + (unfinished.size() == 1
                ? " did not finish: it has" : " did not finish: they have") + " no results.json, the ledgers only of"
                + " the strategies that ended before the stop, none of the strategy it stopped during nor of those"
                + " after it")));
    }

    /** Whether the scenario of {@code folder} finished before the run stopped: a scenario that wrote its results.json did. */
    private boolean finishedScenario(LedgerFolder folder) {
        String name = folder.scenarioFolder().toAbsolutePath().normalize().getFileName().toString();
        return stopped.map(s -> s.finished(name)).orElse(true)
                || Files.isRegularFile(folder.scenarioFolder().resolve("results.json"));
    }

    /** The {@code stopped} object of a results.json, or null when it has none or cannot be read (explain reads ledgers). */
    private static JsonNode stopOf(Path results) {
        if (!Files.isRegularFile(results)) {
            return null;
        }
        try {
            JsonNode stop = JSON.readTree(results.toFile()).path("stopped");
            return stop.isObject() ? stop : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What heads a story beyond scenario and strategy: that its part of the run did not finish. */
    private String status(LedgerFolder folder) {
        String strategyStopped = stoppedStrategy.get(folder.scenario());
        if (strategyStopped != null) {
            return !strategyStopped.equals(folder.strategy()) || keptAtStop.getOrDefault(folder.scenario(), false) ? ""
                    : " (stopped early: the ledger of its run as far as it went)";
        }
        return finishedScenario(folder) ? "" : " (scenario not finished: the run was stopped during it)";
    }

    private List<LedgerFolder> narrow(List<LedgerFolder> folders, String wanted, String what, String whats,
                                      Function<LedgerFolder, String> name) {
        if (wanted == null) {
            return folders;
        }
        List<LedgerFolder> kept = folders.stream().filter(f -> name.apply(f).equals(wanted)).toList();
        if (kept.isEmpty()) {
            Set<String> known = new LinkedHashSet<>(folders.stream().map(name).toList());
            throw new UsageException("no " + what + " '" + wanted + "' with a ledger in " + dir
                    + ClosestName.hint(wanted, known) + " (" + whats + ": " + String.join(", ", known) + ")");
        }
        return kept;
    }

    /** The messages {@link #id} names, read streaming: an hour's ledger is never held whole. */
    private LedgerIndex read(LedgerFolder folder) {
        try {
            return LedgerIndex.named(folder.path(), Set.of(id), id, SUGGESTIONS);
        } catch (IOException e) {
            throw new UsageException("cannot read the ledger in " + folder.path() + ": " + e.getMessage());
        }
    }

    private String where(List<LedgerFolder> folders) {
        return folders.size() == 1 ? "the ledger of " + folders.get(0).scenario() + " / " + folders.get(0).strategy()
                + " in " + dir : "the " + folders.size() + " ledgers in " + dir;
    }

    private String tooMany(List<Found> found) {
        StringBuilder text = new StringBuilder("'" + id + "' names " + found.size() + " messages (more than "
                + MAX_STORIES + " stories to print); narrow with --scenario and --strategy, one of:");
        for (Found f : found) {
            text.append("\n  livetalk explain ").append(dir).append(' ').append(id).append(" --scenario ")
                    .append(f.folder().scenario()).append(" --strategy ").append(f.folder().strategy());
        }
        return text.toString();
    }

    private void print(List<Found> found) {
        PrintWriter out = spec.commandLine().getOut();
        notes.forEach(out::println);
        if (!notes.isEmpty()) {
            out.println();
        }
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            if (i > 0) {
                out.println();
            }
            out.println("== " + f.folder().scenario() + " / " + f.folder().strategy() + status(f.folder()) + " ==");
            out.print(f.story().text());
        }
        out.flush();
    }
}
