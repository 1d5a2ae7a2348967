package dev.livetalk.bench.cli;

import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.LedgerIndex;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.MessageStory;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code livetalk explain}: prints one message's life across every client from the ledgers of a
 * run ({@link MessageStory}), in every scenario and strategy where its id exists, up to
 * {@link #MAX_STORIES}; beyond that it lists where the id exists and how to narrow.
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
            "examples show the command for each of them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  0:the story (or stories) printed",
            "  2:no such folder, no ledger in it (run with --no-ledger; a merged report's folder: the shard folders"
                + " hold the ledgers, and the message names them), an unknown scenario, strategy or message id"
                + " (up to 3 close ones are named), or more than " + ExplainCommand.MAX_STORIES + " stories to narrow"})
final class ExplainCommand implements Callable<Integer> {
    /** Stories printed at most without --scenario/--strategy: what a reviewer compares side by side. */
    static final int MAX_STORIES = 4;
    private static final int SUGGESTIONS = 3;

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

    @Override
    public Integer call() throws IOException {
        List<LedgerFolder> folders = narrow(narrow(ledgers(), scenario, "scenario", "scenarios", LedgerFolder::scenario),
                strategy, "strategy", "strategies", LedgerFolder::strategy);
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
                    + (closest.isEmpty() ? "" : "; close ones: " + String.join(", ", closest)));
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
        if (all.isEmpty()) {
            LedgerElsewhere.of(dir, "explain", id, scenario, strategy).ifPresent(e -> {
                throw e;
            });
            throw new UsageException(dir + " holds no ledger (" + LedgerFolder.FOLDER + "/STRATEGY/ in a scenario's"
                    + " folder): it was run with --no-ledger, or is no run's folder; rerun without --no-ledger to"
                    + " explain its messages");
        }
        return all;
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
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            if (i > 0) {
                out.println();
            }
            out.println("== " + f.folder().scenario() + " / " + f.folder().strategy() + " ==");
            out.print(f.story().text());
        }
        out.flush();
    }
}
