package dev.livetalk.scenarios.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.scenarios.ExampleFiles;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultScheduleJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One window of every fault kind, with parameters that are not defaults. */
    static FaultSchedule everyKind() {
        List<Fault> faults = List.of(new LatencyFault(Duration.ofMillis(250), Duration.ofMillis(30)),
                new BandwidthFault(64), new SlowCloseFault(Duration.ofMillis(700)), new TimeoutFault(Duration.ofSeconds(2)),
                new ResetPeerFault(Duration.ofMillis(100)), new SlicerFault(64, 16, Duration.ofNanos(1500)),
                new LimitDataFault(4096), new DownFault(), new StallFault(), new MessageLossFault(0.25),
                new DuplicationFault(0.125), new ReorderFault(Duration.ofMillis(40), 0.5), new PartitionFault(),
                new RestartFault(true), new PauseFault(), new SlowCommitFault(Duration.ofMillis(15)));
        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Duration start = Duration.ofMillis(1000L * i + 1);
            windows.add(new FaultWindow("f" + i, i % 3, start, start.plusMillis(1500), faults.get(i),
                    DirectionSelector.values()[i % 3], i % 4 == 0 ? List.of() : List.of("alice", "bob"), LinkSelector.values()[i % 3],
                    i % 4 == 0));
        }
        return new FaultSchedule(-7, windows);
    }

    @Test
    void shouldReadBackAScheduleOfEveryFaultKind() {
        FaultSchedule schedule = everyKind();
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        schedule.windows().forEach(w -> kinds.add(w.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(FaultKind.values());

        assertThat(FaultScheduleJson.fromTree(FaultScheduleJson.toTree(schedule), "faultSchedule")).isEqualTo(schedule);
    }

    @Test
    void shouldReadBackTheScheduleOfEveryExampleScenario() throws Exception {
        for (Path file : ExampleFiles.examples()) {
            FaultSchedule schedule = FaultSchedule.resolve(ScenarioLoader.load(file));
            JsonNode text = JSON.readTree(FaultScheduleJson.toJson(schedule));
            assertThat(FaultScheduleJson.fromTree(text, "faultSchedule")).as(file.toString()).isEqualTo(schedule);
        }
    }

    @Test
    void shouldRefuseAMalformedScheduleNamingTheFieldAndTheRule() {
        refused(s -> s.remove("seed"), "faultSchedule.seed is missing: it must be a whole number");
        refused(s -> s.put("windows", "none"), "faultSchedule.windows must be an array: \"none\"");
        refused(s -> s.put("extra", 1), "faultSchedule has unknown field extra (known: seed, windows)");
        refused(s -> window(s, 0).remove("fault"), "faultSchedule.windows[0].fault is missing: it must be a non-empty string");
        refused(s -> window(s, 1).put("type", "flood"), "faultSchedule.windows[1].type must be one of latency, bandwidth,"
                + " slow-close, timeout, reset-peer, slicer, limit-data, down, stall, message-loss, duplication, reorder,"
                + " partition, restart, pause, slow-commit: \"flood\"");
        refused(s -> window(s, 2).put("occurrence", -1), "faultSchedule.windows[2].occurrence must be a whole number >= 0: -1");
        refused(s -> window(s, 0).put("startNanos", "1s"), "faultSchedule.windows[0].startNanos must be a whole number >= 0: \"1s\"");
        refused(s -> window(s, 0).put("endNanos", 1_000_000), "faultSchedule.windows[0].endNanos must be after"
                + " faultSchedule.windows[0].startNanos (1000000): 1000000");
        refused(s -> window(s, 0).put("start", "2s"), "faultSchedule.windows[0].start must agree with"
                + " faultSchedule.windows[0].startNanos (1ms): \"2s\"");
        refused(s -> params(s, 0).put("latency", "fast"), "faultSchedule.windows[0].parameters.latency: a duration is a"
                + " number and a unit (ns, us, ms, s, m, h) such as 500ms or 5s: fast");
        refused(s -> params(s, 0).put("rate", 3), "faultSchedule.windows[0].parameters has unknown field rate"
                + " (known: jitter, latency)");
        refused(s -> params(s, 9).put("probability", 2.0), "faultSchedule.windows[9].parameters of a message-loss fault:"
                + " probability must be within (0, 1]: 2.0");
        refused(s -> params(s, 5).put("sizeVariation", 64), "faultSchedule.windows[5].parameters of a slicer fault:"
                + " size-variation must be within 0..average-size-1 bytes: 64");
        refused(s -> window(s, 3).remove("parameters"), "faultSchedule.windows[3].parameters is missing: it must be an object");
        refused(s -> window(s, 3).put("direction", "sideways"), "faultSchedule.windows[3].direction must be one of"
                + " upstream, downstream, both: \"sideways\"");
        refused(s -> window(s, 3).putArray("clients").add(7), "faultSchedule.windows[3].clients[0] must be a string: 7");
        refused(s -> window(s, 3).put("link", "up"), "faultSchedule.windows[3].link must be one of both, send, receive: \"up\"");
        refused(s -> window(s, 3).put("serverSide", "no"), "faultSchedule.windows[3].serverSide must be true or false: \"no\"");
    }

    private static void refused(Consumer<ObjectNode> mutation, String message) {
        ObjectNode tree = FaultScheduleJson.toTree(everyKind());
        mutation.accept(tree);
        assertThatThrownBy(() -> FaultScheduleJson.fromTree(tree, "faultSchedule"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static ObjectNode window(ObjectNode schedule, int i) {
        return (ObjectNode) ((ArrayNode) schedule.get("windows")).get(i);
    }

    private static ObjectNode params(ObjectNode schedule, int i) {
        return (ObjectNode) window(schedule, i).get("parameters");
    }
}
