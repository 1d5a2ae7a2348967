package dev.livetalk.metrics.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.trace.RunTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The audit of welcomes and transcript changes in the microsecond of an edge: a window's start or end, the next
 * window's start, a 1 s bucket of the reconnect peak. The checkers compare nanoseconds, the ledger keeps
 * microseconds: the ledger cannot tell which side of the edge such a time fell, so the audit accepts either side,
 * and still finds a figure that neither side gives.
 */
class MicrosecondTieAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A restart from 1.0000002 s to 3 s: alice is welcomed again 300 ns after it started, in its microsecond, and
     * never after; bob at 3.2 s. The checkers count alice reconnected (after the start), so not dropped for good.
     */
    @Test
    void shouldAgreeOnAWelcomeInTheMicrosecondTheWindowStarts() throws Exception {
        Path story = write(strategy -> {
            TraceFixture run = lobbyOfTwo(strategy);
            run.serverWindow("deploy", "restart", 1_000.0002, 3_000);
            run.clientNamed("alice").welcome("main", "e1", 1_000.0005);
            run.clientNamed("bob").welcome("main", "e1", 3_200);
            return run.build();
        });
        JsonNode deploy = firstWindow(story);
        assertThat(deploy.path("reconnected").asLong()).isEqualTo(2);
        assertThat(deploy.path("neverConverged").asLong()).isZero();
        assertThat(deploy.path("recovery").asLong()).isEqualTo(200_000_000L);
        assertAgrees();
        assertThat(planted(story, w -> w.put("reconnected", 0).put("neverConverged", 2)
                .putNull("recovery"))).containsExactlyInAnyOrder(
                tuple("recovery[deploy/0].reconnected", "one of [1, 2]"),
                tuple("recovery[deploy/0].neverConverged", "one of [0, 1]"));
    }

    /**
     * bob's outage ends at 4.3000005 s; his main link is welcomed at 4.3000002 s, 300 ns before the end in its
     * microsecond, and again at 4.9 s. The checkers take the first welcome at or after the end: he is back at 4.9 s,
     * and both welcomes fall in the peak's second bucket before the recovery ended.
     */
    @Test
    void shouldAgreeOnAWelcomeInTheMicrosecondTheWindowEnds() throws Exception {
        Path story = write(strategy -> {
            TraceFixture run = lobbyOfTwo(strategy);
            run.window("outage", 3_000, 4_300.0005, "bob");
            run.clientNamed("bob").welcome("main", "e1", 4_300.0002).welcome("main", "e1", 4_900);
            return run.build();
        });
        JsonNode outage = firstWindow(story);
        assertThat(outage.path("recovery").asLong()).isEqualTo(599_999_500L);
        assertThat(outage.path("slowest").path("back").asLong()).isEqualTo(599_999_500L);
        assertThat(outage.path("reconnectPeak").asLong()).isEqualTo(2);
        assertAgrees();
        assertThat(planted(story, w -> w.put("reconnectPeak", 3))).containsExactly(
                tuple("recovery[outage/0].reconnectPeak", "one of [1, 2]"));
    }

    /**
     * bob's outage ends at 4 s, the next window starts at 5.0000005 s; bob is welcomed at 5.0000002 s, 300 ns
     * before it in its microsecond, and not before. The checkers count him reconnected to the outage.
     */
    @Test
    void shouldAgreeOnAWelcomeInTheMicrosecondTheNextWindowStarts() throws Exception {
        Path story = write(strategy -> {
            TraceFixture run = lobbyOfTwo(strategy);
            run.window("outage", 3_000, 4_000, "bob");
            run.window("blip", 5_000.0005, 5_100, "alice");
            run.clientNamed("bob").welcome("main", "e1", 5_000.0002);
            return run.build();
        });
        JsonNode outage = firstWindow(story);
        assertThat(outage.path("reconnected").asLong()).isEqualTo(1);
        assertThat(outage.path("slowest").path("back").asLong()).isEqualTo(1_000_000_200L);
        assertAgrees();
    }

    /**
     * A window on everyone from 3.0000005 s to 3.5 s; welcomes at 3.2 and 3.6 s (alice), 4.0000002 s (bob, 300 ns
     * before the second bucket starts, in its microsecond) and 4.3 s (carol): the checkers' first bucket holds
     * three, the ledger's microseconds put bob's in the second.
     */
    @Test
    void shouldAgreeOnAWelcomeInTheMicrosecondASecondOfThePeakStarts() throws Exception {
        Path story = write(strategy -> {
            TraceFixture run = lobbyOfTwo(strategy);
            var carol = run.client("carol").join("lobby", 0).welcome("main", "e1", 0);
            run.window("flap", 3_000.0005, 3_500);
            run.clientNamed("alice").welcome("main", "e1", 3_200).welcome("receive", "e1", 3_600);
            run.clientNamed("bob").welcome("main", "e1", 4_000.0002);
            carol.welcome("main", "e1", 4_300);
            return run.build();
        });
        assertThat(firstWindow(story).path("reconnectPeak").asLong()).isEqualTo(3);
        assertAgrees();
        assertThat(planted(story, w -> w.put("reconnectPeak", 1))).containsExactly(
                tuple("recovery[flap/0].reconnectPeak", "one of [2, 3]"));
    }

    /**
     * bob's outage ends at 4 s, the next window starts at 5.0000005 s; bob shows b3 before b2 at 5.0000002 s, 300 ns
     * before it in its microsecond, and b2 after it: the checkers find his lobby broken when the next window
     * started, so he never converged after the outage. The ledger's transition may be on either side.
     */
    @Test
    void shouldAgreeOnATranscriptChangeInTheMicrosecondTheNextWindowStarts() throws Exception {
        Path story = write(strategy -> {
            TraceFixture run = lobbyOfTwo(strategy);
            run.window("outage", 3_000, 4_000, "bob");
            run.window("blip", 5_000.0005, 5_100, "alice");
            var b2 = run.commit("lobby", "alice", "b2", 4_500);
            var b3 = run.commit("lobby", "alice", "b3", 4_600);
            run.clientNamed("alice").place(b2, 4_510).place(b3, 4_610);
            run.clientNamed("bob").place(b3, 5_000.0002).place(b2, 5_050);
            return run.build();
        });
        JsonNode convergence = JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0)
                .path("correctness").path("convergence");
        assertThat(convergence.path("neverConverged").asLong()).isEqualTo(1);
        assertThat(firstWindow(story).path("neverConverged").asLong()).isEqualTo(1);
        assertAgrees();
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        ((ObjectNode) results.path("strategies").get(0).path("correctness").path("convergence"))
                .put("neverConverged", 2).put("neverConvergedShare", 1.0);
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        assertThat(Audit.of(dir).differences().stream().map(d -> tuple(d.figure(), d.recounted())).toList())
                .containsExactly(tuple("correctness.convergence.neverConverged", "one of [0, 1]"),
                        tuple("correctness.convergence.neverConvergedShare", "one of [0.0, 0.5]"));
    }

    /**
     * Seeded runs of two windows on three clients, each welcome and each change of a client's lobby within a
     * microsecond of an edge (a window's start or end, a second of the first window's peak; the second window's
     * start) or anywhere: the audit agrees on every figure of each.
     */
    @Test
    void shouldAgreeOnSeededRunsWhoseWelcomesAndChangesFallAtEdges() throws Exception {
        SplittableRandom random = new SplittableRandom(201);
        for (int run = 0; run < 40; run++) {
            long seed = random.nextLong();
            Path story = StoryRun.write(dir.resolve("seeded"), strategy -> seededRun(strategy, new SplittableRandom(seed)),
                    "reconcile");
            Audit.Result result = Audit.of(story);
            assertThat(result.differences()).as("seed %d", seed).isEmpty();
        }
    }

    /** Two windows a few seconds long, their edges off the microsecond; each client welcomed up to five times. */
    private static RunTrace seededRun(String strategy, SplittableRandom random) {
        TraceFixture run = lobbyOf(strategy, "alice", "bob", "carol");
        long start = 1_000_000_000L + random.nextLong(1_000);
        long end = start + random.nextLong(500, 2_500) * 1_000_000L + random.nextLong(1_000);
        long next = end + random.nextLong(0, 2_000) * 1_000_000L + random.nextLong(1_000);
        if (random.nextBoolean()) {
            run.serverWindow("deploy", "restart", ms(start), ms(end));
        } else {
            run.window("deploy", ms(start), ms(end), random.nextBoolean() ? "bob" : "alice");
        }
        run.window("flap", ms(next), ms(next + 500_000_000L), "carol");
        long[] edges = {start, end, next, start + 1_000_000_000L, start + 2_000_000_000L, start + 3_000_000_000L};
        for (String user : List.of("alice", "bob", "carol")) {
            long[] at = new long[random.nextInt(6)];
            for (int i = 0; i < at.length; i++) {
                at[i] = random.nextInt(4) == 0 ? start + random.nextLong(4_000_000_000L)
                        : edges[random.nextInt(edges.length)] + random.nextLong(-999, 1_000);
            }
            java.util.Arrays.sort(at);
            for (long t : at) {
                run.clientNamed(user).welcome(random.nextBoolean() ? "main" : "receive", "e1", ms(t));
            }
        }
        // b2 and b3 committed during the first window; each client shows them in order or b3 first for a while,
        // each step anywhere or within a microsecond of the next window's start
        var b2 = run.commit("lobby", "alice", "b2", ms(start + 1_000));
        var b3 = run.commit("lobby", "alice", "b3", ms(start + 2_000));
        for (String user : List.of("alice", "bob", "carol")) {
            long first = random.nextBoolean() ? next + random.nextLong(-999, 1_000)
                    : start + random.nextLong(3_000, 3_000_000_000L);
            long second = Math.max(first, random.nextBoolean() ? next + random.nextLong(-999, 1_000)
                    : first + random.nextLong(1, 1_000_000_000L));
            if (random.nextBoolean()) {
                run.clientNamed(user).place(b3, ms(first)).place(b2, ms(second));
            } else {
                run.clientNamed(user).place(b2, ms(first)).place(b3, ms(second));
            }
        }
        return run.build();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** alice and bob in the lobby, both welcomed at 0, bob's b1 shown by both. */
    private static TraceFixture lobbyOfTwo(String strategy) {
        return lobbyOf(strategy, "alice", "bob");
    }

    /** {@code users} in the lobby, each welcomed at 0 and showing b1 (of the second) at 600 ms. */
    private static TraceFixture lobbyOf(String strategy, String... users) {
        TraceFixture run = new TraceFixture(strategy);
        List<TraceFixture.Client> clients = java.util.Arrays.stream(users)
                .map(user -> run.client(user).join("lobby", 0).welcome("main", "e1", 0)).toList();
        var b1 = run.commit("lobby", users[1], "b1", 500);
        clients.forEach(client -> client.place(b1, 600));
        return run;
    }

    private Path write(Function<String, RunTrace> trace) throws Exception {
        return StoryRun.write(dir.resolve("story"), trace, "reconcile");
    }

    private static JsonNode firstWindow(Path story) throws Exception {
        return JSON.readTree(story.resolve("results.json").toFile()).path("strategies").get(0).path("recovery").get(0);
    }

    private void assertAgrees() throws Exception {
        Audit.Result result = Audit.of(dir);
        assertThat(result.differences()).isEmpty();
        assertThat(result.unknownFigures()).isEmpty();
    }

    /** The differences the audit finds, as (figure, recounted), once {@code plant} changed the first window. */
    private List<org.assertj.core.groups.Tuple> planted(Path story, Consumer<ObjectNode> plant) throws Exception {
        ObjectNode results = (ObjectNode) JSON.readTree(story.resolve("results.json").toFile());
        plant.accept((ObjectNode) results.path("strategies").get(0).path("recovery").get(0));
        JSON.writeValue(story.resolve("results.json").toFile(), results);
        return Audit.of(dir).differences().stream().map(d -> tuple(d.figure(), d.recounted())).toList();
    }
}
