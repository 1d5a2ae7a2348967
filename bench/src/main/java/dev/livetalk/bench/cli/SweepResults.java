package dev.livetalk.bench.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livetalk.metrics.gate.RunStop;
import dev.livetalk.metrics.gate.Verdict;
import dev.livetalk.metrics.results.Shard;
import dev.livetalk.metrics.results.UnjudgedBudget;
import dev.livetalk.metrics.results.Words;
import dev.livetalk.reports.NotJudgedText;
import dev.livetalk.simulator.SeedFailure;
import dev.livetalk.simulator.SeedRange;
import dev.livetalk.simulator.SweepReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code --seeds} sweep (or one shard of it, or the merge of its shards) leaves in its
 * output folder and prints at its end, in one place for {@code livetalk run --seeds} and
 * {@code livetalk report} of sweep shards: {@code sweep.md} (the human summaries),
 * {@code sweep.json} (the machine-readable result, {@link Document}, docs/SHARDING.md), the list
 * of failed budgets and of budgets not judged, the report's path and the verdict line, and the
 * exit code of the one rule ({@link Verdict#outcomeOf}): 99 when a budget failed for some seed
 * ({@link Verdict#failuresOf}), else 5 when a scenario has budgets and none applies to a strategy
 * swept (NOT JUDGED), else 0. A sweep stopped by a signal ({@link RunStop}) holds the seeds it
 * finished, says why it stopped and exits with the code of its cause, as a stopped run does.
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
     * @param judged     how many of the scenario's budgets apply to a strategy swept (0 in an older file)
     * @param notJudged  the scenario's budgets that apply to none of the strategies swept, as in
     *                   {@code results.json}; absent when none
     */
    record ScenarioSweep(String scenario, String file, String seeds, List<String> strategies, String shard, long runs,
                         List<SeedFailure> failures, int judged,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnjudgedBudget> notJudged) {
        static ScenarioSweep of(SweepReport sweep) {
            return new ScenarioSweep(sweep.scenario(), sweep.file(), sweep.seeds().toString(), sweep.strategies(),
                    sweep.shard().toString(), sweep.runs(), sweep.failures(), sweep.judged(), sweep.notJudged());
        }

        SweepReport report() {
            return new SweepReport(scenario, file, SeedRange.parse(seeds), strategies, Shard.parse(shard), runs,
                    failures == null ? List.of() : failures, judged, notJudged == null ? List.of() : notJudged);
        }
    }

    /** Whether {@code folder} holds a sweep's result ({@code sweep.json}). */
    static boolean isSweep(Path folder) {
        return Files.isRegularFile(folder.resolve(JSON));
    }

    /**
     * Writes {@code sweep.md} (why the sweep stopped, if it did; each scenario's summary, then the
     * budgets not judged as {@code summary.md} lists them) and {@code sweep.json} of these
     * scenarios' sweeps into {@code outDir}.
     */
    static void write(Path outDir, SeedRange seeds, Shard shard, List<SweepReport> sweeps, Optional<RunStop> stop)
            throws IOException {
        StringBuilder markdown = new StringBuilder("# Seed sweep " + seeds + (shard.whole() ? "" : ", shard " + shard)
                + "\n\n");
        stop.ifPresent(s -> markdown.append("**").append(s.cause().word()).append("**: ").append(s.sentence())
                .append(".\n\n"));
        for (SweepReport sweep : sweeps) {
            markdown.append("```\n").append(sweep.summary()).append("\n```\n\n");
        }
        NotJudgedText.markdown(notJudged(sweeps), outcome(sweeps) == Verdict.Outcome.NOT_JUDGED, markdown);
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
        List<SweepReport> sweeps = new ArrayList<>();
        for (ScenarioSweep scenario : document(folder).scenarios()) {
            sweeps.add(scenario.report());
        }
        return sweeps;
    }

    /**
     * The seeds {@code folder}'s {@code sweep.json} was to sweep ({@code FIRST..LAST}: of a
     * stopped sweep, more than its scenarios hold).
     *
     * @throws IllegalArgumentException when it is not a sweep result of this version
     */
    static SeedRange seeds(Path folder) throws IOException {
        String seeds = document(folder).seeds();
        try {
            return SeedRange.parse(seeds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(folder.resolve(JSON) + " is not a sweep result: " + e.getMessage(), e);
        }
    }

    private static Document document(Path folder) throws IOException {
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
        return document;
    }

    /**
     * What the console prints after the scenarios' summaries: every failed budget, why the sweep
     * stopped (if it did), the report's path and the verdict line (of a stopped sweep, as a
     * stopped run's: {@code verdict: INTERRUPTED (interrupted by SIGTERM)}).
     */
    static String ending(List<SweepReport> sweeps, SeedRange seeds, Shard shard, Path outDir, Optional<RunStop> stop) {
        List<Verdict.Failure> failures = failures(sweeps);
        List<Verdict.NotJudged> notJudged = notJudged(sweeps);
        StringBuilder out = new StringBuilder(RunSummary.failedList(failures));
        out.append(RunSummary.notJudgedList(notJudged));
        stop.ifPresent(s -> out.append("stopped: ").append(s.sentence()).append('\n'));
        out.append("sweep report: ").append(outDir.resolve(MARKDOWN).toAbsolutePath().normalize()).append('\n');
        if (stop.isPresent()) {
            return out.append(new RunSummary(new Verdict(List.of(), List.of(), stop)).verdictLine()).append('\n')
                    .toString();
        }
        String of = shard.whole() ? "" : " of shard " + shard;
        String played = Words.count(runs(sweeps), "simulated run") + ", " + Words.count(seeds.count(), "seed")
                + " of " + Words.count(sweeps.size(), "scenario");
        String unjudged = notJudged.isEmpty() ? ""
                : "; " + Words.count(notJudged.size(), "budget") + " not judged, listed above";
        out.append(switch (outcome(sweeps)) {
            case PASS -> "verdict: PASS (every " + (notJudged.isEmpty() ? "" : "judged ") + "budget holds for every seed"
                    + of + ": " + played + unjudged + ")";
            case NOT_JUDGED -> "verdict: NOT JUDGED (a scenario's budgets all apply to strategies the run did not"
                    + " play: " + (shard.whole() ? "" : "shard " + shard + ", ") + played + unjudged + ")";
            case FAIL -> "verdict: FAIL (" + Words.count(failures.size(), "failed budget") + of + ", listed above)";
            case STOPPED, UNTRUSTED -> throw new IllegalStateException("a sweep's outcome: " + outcome(sweeps));
        });
        return out.append('\n').toString();
    }

    /**
     * The exit code of the sweep's outcome: that of the cause when it stopped (130, 143, or 4 for the heap), else 99
     * when a budget failed for some seed, else 5 when a scenario's budgets all apply to strategies
     * not swept, else 0; invariants are reported, not gated.
     */
    static int exitCode(List<SweepReport> sweeps, Optional<RunStop> stop) {
        return stop.map(s -> ExitCode.of(s.cause())).orElseGet(() -> ExitCode.of(outcome(sweeps))).code();
    }

    /** The one rule ({@link Verdict#outcomeOf}) over every scenario's sweep. */
    static Verdict.Outcome outcome(List<SweepReport> sweeps) {
        return Verdict.outcomeOf(!failures(sweeps).isEmpty(), sweeps.stream().anyMatch(SweepReport::judgedNothing));
    }

    private static List<Verdict.NotJudged> notJudged(List<SweepReport> sweeps) {
        return sweeps.stream().flatMap(s -> s.notJudgedBudgets().stream()).toList();
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
