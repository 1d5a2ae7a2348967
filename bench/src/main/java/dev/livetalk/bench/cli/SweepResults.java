package dev.livetalk.bench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.simulator.SeedFailure;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SweepReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code --seeds} sweep (or one shard of it, or the merge of its shards) leaves in its
 * output folder and prints at its end, in one place for {@code livetalk run --seeds} and
 * {@code livetalk report} of sweep shards: {@code sweep.md} (the human summaries),
 * {@code sweep.json} (the machine-readable result, {@link Document}, docs/SHARDING.md), the list
 * of failed budgets, the report's path and the verdict line, and the exit code: 99 when a
 * budget failed for some seed ({@link Verdict#failuresOf}, the one rule), else 0.
 *
 * <p>Stateless apart from a thread-safe Jackson mapper; any thread.
 */
final class SweepResults {
    /** The machine-readable result's file name. */
    static final String JSON = "sweep.json";
    /** The human summary's file name. */
    static final String MARKDOWN = "sweep.md";
    /** The version of {@code sweep.json}: grows only by new fields; a change of meaning bumps it. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SweepResults() {
    }

    /**
     * {@code sweep.json}.
     *
     * @param version   {@link #VERSION}
     * @param kind      {@code sweep}
     * @param seeds     the seeds swept, {@code FIRST..LAST}
     * @param shard     which shard played it, {@code K/N} ({@code 1/1}: the whole sweep)
     * @param runs      the simulated runs played, over every scenario
     * @param scenarios per scenario in the run's order, what it found
     */
    record Document(int version, String kind, String seeds, String shard, long runs, List<ScenarioSweep> scenarios) {
    }

    /**
     * One scenario's sweep, or this shard's part of it.
     *
     * @param scenario   the scenario's name
     * @param file       its file as the replay commands name it
     * @param seeds      the seeds swept, {@code FIRST..LAST}
     * @param strategies the strategies per seed, in order
     * @param shard      {@code K/N}
     * @param runs       the simulated runs played
     * @param failures   per (seed, strategy) that failed a budget or broke an invariant, by seed then strategy
     */
    record ScenarioSweep(String scenario, String file, String seeds, List<String> strategies, String shard, long runs,
                         List<SeedFailure> failures) {
        static ScenarioSweep of(SweepReport sweep) {
            return new ScenarioSweep(sweep.scenario(), sweep.file(), sweep.seeds().toString(), sweep.strategies(),
                    sweep.shard().toString(), sweep.runs(), sweep.failures());
        }

        SweepReport report() {
            return new SweepReport(scenario, file, SeedRange.parse(seeds), strategies, Shard.parse(shard), runs,
                    failures == null ? List.of() : failures);
        }
    }

    /** Whether {@code folder} holds a sweep's result ({@code sweep.json}). */
    static boolean isSweep(Path folder) {
        return Files.isRegularFile(folder.resolve(JSON));
    }

    /** Writes {@code sweep.md} and {@code sweep.json} of these scenarios' sweeps into {@code outDir}. */
    static void write(Path outDir, SeedRange seeds, Shard shard, List<SweepReport> sweeps) throws IOException {
        StringBuilder markdown = new StringBuilder("# Seed sweep " + seeds + (shard.whole() ? "" : ", shard " + shard)
                + "\n\n");
        for (SweepReport sweep : sweeps) {
            markdown.append("```\n").append(sweep.summary()).append("\n```\n\n");
        }
        Files.writeString(outDir.resolve(MARKDOWN), markdown.toString());
        Document document = new Document(VERSION, "sweep", seeds.toString(), shard.toString(), runs(sweeps),
                sweeps.stream().map(ScenarioSweep::of).toList());
        MAPPER.writeValue(outDir.resolve(JSON).toFile(), document);
    }

    /**
     * The scenarios' sweeps of {@code folder}'s {@code sweep.json}.
     *
     * @throws IllegalArgumentException when it is not a sweep result of this version
     */
    static List<SweepReport> read(Path folder) throws IOException {
        Path file = folder.resolve(JSON);
        Document document;
        try {
            document = MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Document.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a sweep result: " + message(e), e);
        }
        if (document.version() != VERSION || !"sweep".equals(document.kind()) || document.scenarios() == null) {
            throw new IllegalArgumentException(file + " is not a sweep result of version " + VERSION + " (version "
                    + document.version() + ", kind " + document.kind() + ")");
        }
        List<SweepReport> sweeps = new ArrayList<>();
        for (ScenarioSweep scenario : document.scenarios()) {
            sweeps.add(scenario.report());
        }
        return sweeps;
    }

    /**
     * What the console prints after the scenarios' summaries: every failed budget, the report's
     * path and the verdict line.
     */
    static String ending(List<SweepReport> sweeps, SeedRange seeds, Shard shard, Path outDir) {
        List<Verdict.Failure> failures = failures(sweeps);
        StringBuilder out = new StringBuilder(RunSummary.failedList(failures));
        out.append("sweep report: ").append(outDir.resolve(MARKDOWN).toAbsolutePath().normalize()).append('\n');
        String of = shard.whole() ? "" : " of shard " + shard;
        out.append(failures.isEmpty()
                ? "verdict: PASS (every budget holds for every seed" + of + ": " + Words.count(runs(sweeps), "simulated run")
                        + ", " + Words.count(seeds.count(), "seed") + " of " + Words.count(sweeps.size(), "scenario") + ")"
                : "verdict: FAIL (" + Words.count(failures.size(), "failed budget") + of + ", listed above)");
        return out.append('\n').toString();
    }

    /** 99 when a budget failed for some seed, else 0: invariants are reported, not gated. */
    static int exitCode(List<SweepReport> sweeps) {
        return failures(sweeps).isEmpty() ? ExitCode.OK.code() : ExitCode.BUDGET_FAILED.code();
    }

    private static List<Verdict.Failure> failures(List<SweepReport> sweeps) {
        return sweeps.stream().flatMap(s -> s.gatedFailures().stream()).toList();
    }

    private static long runs(List<SweepReport> sweeps) {
        return sweeps.stream().mapToLong(SweepReport::runs).sum();
    }

    /** A Jackson message without its location noise. */
    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
