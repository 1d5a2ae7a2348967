package dev.livetalk.bench.cli;

import dev.livetalk.metrics.audit.Audit;
import dev.livetalk.metrics.audit.AuditInputException;
import dev.livetalk.metrics.results.ShardManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code livetalk audit}: recounts every correctness figure and latency percentile of each
 * results.json under a folder from the strategies' ledgers alone, with a second, simple
 * implementation; lists what differs and exits {@link ExitCode#AUDIT_DIFFERS} if anything does.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Recount every figure of each results.json under DIR from its ledger, and list those that differ.",
            "Every correctness figure and latency percentile is recounted from the ledger beside it "
            + "(ledger/STRATEGY/) by a second, simple implementation; a figure differs when it is beyond "
            + "its tolerance (docs/METRICS.md, \"Auditing a run\").",
            "Of a run stopped before its end (stopped.json) it audits the scenarios that wrote results.json and says"
            + " so; one stopped before it wrote any is refused, naming stopped.json and what it says (exit 2)."})
final class AuditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A run folder (scenario folders inside) or one scenario folder;"
            + " of a sharded run, each shard's folder (a merged report's folder names them).")
    Path folder;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Audit.Result result;
        try {
            List<String> notPlayed = List.of();
            java.util.Optional<StoppedRun> stopped = java.util.Optional.empty();
            if (Files.isDirectory(folder)) { // the scenario folders an earlier run into it left: not this run's
                notPlayed = ShardManifest.notPlayed(folder);
                stopped = StoppedRun.of(folder);
                if (stopped.isPresent() && !holdsResults(folder, notPlayed)) {
                    throw new UsageException(folder + " holds no results.json to audit: the run was stopped before it"
                            + " wrote " + (stopped.get().folder().equals(folder) ? "any" : "this scenario's") + " (" + stopped.get().says() + "); only a scenario that finished has"
                            + " results.json: rerun it to its end to audit it");
                }
                ShardManifest.notPlayedNote(folder).ifPresent(out::println);
            }
            stopped.ifPresent(s -> out.println("note: the run was stopped before its end (" + s.says() + "): audited"
                    + " the results.json of the scenarios it wrote, nothing of those it did not finish"));
            result = Audit.of(folder, notPlayed);
            if (stopped.isPresent() && result.figures() == 0) { // results.json without a strategy: a stop while measuring
                throw new UsageException(folder + " holds nothing to audit: the run was stopped before any strategy"
                        + " was measured (" + stopped.get().says() + "); rerun it to its end to audit it");
            }
        } catch (AuditInputException e) {
            throw LedgerElsewhere.of(folder, "audit", null, null, null).orElseGet(() -> new UsageException(e.getMessage()));
        } catch (IllegalArgumentException e) { // its shard.json cannot be read
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("the folder to audit must be readable: cannot list " + folder + " ("
                    + OutputFolder.reason(e) + ")");
        }
        result.differences().forEach(d -> out.println("differs: " + d));
        out.println(result.summary());
        out.flush();
        if (!result.unknownFigures().isEmpty()) {
            throw new HarnessFailure("results.json has figures the audit does not recount: "
                    + String.join(", ", result.unknownFigures())
                    + "; every figure needs its entry in the audit's FigureTable (metrics/.../audit)", null);
        }
        return result.differences().isEmpty() ? ExitCode.OK.code() : ExitCode.AUDIT_DIFFERS.code();
    }

    /** Whether {@code folder} or one of its scenario folders not {@code leftOut} holds a results.json, as the audit reads them. */
    private static boolean holdsResults(Path folder, List<String> leftOut) throws IOException {
        if (Files.isRegularFile(folder.resolve("results.json"))) {
            return true;
        }
        try (java.util.stream.Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(c -> !leftOut.contains(c.getFileName().toString())
                    && Files.isRegularFile(c.resolve("results.json")));
        }
    }
}
