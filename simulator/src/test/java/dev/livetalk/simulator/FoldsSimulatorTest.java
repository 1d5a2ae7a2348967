package dev.livetalk.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.latency.HlogWriter;
import dev.livetalk.metrics.latency.LatencyReport;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.run.RunPlan;
import dev.livetalk.run.RunProgress;
import dev.livetalk.run.RunSettings;
import dev.livetalk.run.StrategyPlay;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated runs of every built-in strategy and the planted-bug ones, in library scenarios with small transcript
 * limits (lines scroll away), measured from the spill one member at a time with each member's final lines kept
 * and folded: the same results and interval logs. A limit of one line: every line but the last scrolls away as
 * it comes, so every line settles while the replay goes on ({@code MemberByMemberMeasurementLibraryTest} covers
 * the built-in strategies with a larger limit and no limit).
 */
class FoldsSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final List<String> FILES = List.of("history-truncated.yaml", "deploy-restart.yaml",
            "resume-bound.yaml");
    private static final int[] LIMITS = {1};
    private static final List<String> FLAWED = List.of(DuplicateDuringFetchStrategy.NAME,
            StatusFlawStrategies.HeadAsDelivered.NAME, "test-read-on-ack", "test-status-reset", "test-no-echo");

    static String figures(Scenario scenario, String strategy, long seed, boolean keepLines) {
        System.setProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY, "0");
        try {
            Measurement m = new StrategyPlay(new SimBackend(SimSettings.DEFAULTS), RunPlan.resolve(scenario, seed),
                    strategy, RunSettings.DEFAULTS, RunProgress.NONE)
                    .play((record, slices) -> Measurement.of(slices, LatencyReport.DEFAULT_INTERVAL_NANOS, keepLines,
                            room -> { }));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HlogWriter.write(out, m.strategy(), m.latency(), 0);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(StrategyResult.of(m, List.of(), List.of()))
                    + "\nhlog " + Base64.getEncoder().encodeToString(out.toByteArray()) + "\n";
        } catch (Exception e) {
            return "refused: " + e + "\n";
        } finally {
            System.clearProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY);
        }
    }

    static Scenario scenario(String file, int limit) throws Exception {
        if (file.equals("three-rooms-each")) {
            return Scenarios.parse(file + "-" + limit, Scenarios.THREE_ROOMS_EACH
                    + (limit == 0 ? "" : "clients:\n  transcript-limit: " + limit + "\n"));
        }
        String yaml = Files.readString(Scenarios.libraryFolder().resolve(file));
        return Scenarios.parse(file.replace(".yaml", "") + "-" + limit,
                limit == 0 ? yaml : yaml + "\nclients:\n  transcript-limit: " + limit + "\n");
    }

    @Test
    void shouldMeasureEveryStrategyTheSameWithTheLinesFoldedAsKept() throws Exception {
        List<String> strategies = new ArrayList<>(Strategies.BUILT_IN);
        strategies.addAll(FLAWED);
        List<String> files = new ArrayList<>(FILES);
        files.add("three-rooms-each");
        List<String> differ = new ArrayList<>();
        int refused = 0;
        int runs = 0;
        for (String file : files) {
            for (int limit : LIMITS) {
                Scenario scenario = scenario(file, limit);
                for (String strategy : strategies) {
                    long seed = scenario.seed();
                    String kept = figures(scenario, strategy, seed, true);
                    String folded = figures(scenario, strategy, seed, false);
                    runs++;
                    refused += kept.startsWith("refused") ? 1 : 0;
                    if (!kept.equals(folded)) {
                        differ.add(file + " limit " + limit + " " + strategy + " seed " + seed
                                + (folded.startsWith("refused") ? ": " + folded.strip() : ""));
                    }
                }
            }
        }
        assertThat(differ).as("of " + runs + " runs").isEmpty();
        assertThat(refused).as("runs refused").isZero();
    }
}
