package dev.livetalk.simulator;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Ping;
import dev.livetalk.protocol.Pong;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.run.RunSetup;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ConnectionId;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated server process on its own, driven on the test thread's virtual clock. */
class SimServerTest {
    private static final String SECRET = "sim-server-test";
    private static final long MS = 1_000_000;
    private static final ConnectionId ALICE = new ConnectionId(1);

    /** An event the server delivered, when it went out. */
    private record Out(long at, Object event) {
    }

    /** A commit told to the run, when. */
    private record Told(long at, String epoch, long seq) {
    }

    private final EventLoop loop = new EventLoop();
    private final List<Out> out = new ArrayList<>();
    private final List<Told> told = new ArrayList<>();
    private SimServer server;

    @BeforeEach
    void startAndJoin() {
        startAndJoin(ServerConfig.builder(SECRET));
    }

    private void startAndJoin(ServerConfig.Builder builder) {
        ServerConfig config = builder.commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
                throw new AssertionError("commits are told with their epoch");
            }

            @Override
            public void onCommit(String epoch, Message message) {
                told.add(new Told(loop.now(), epoch, message.seq()));
            }
        }).build();
        server = new SimServer(loop, config, "sim-1", new NetworkStats(), outputs -> outputs.forEach(o -> {
            if (o instanceof ServerOutput.Deliver d) {
                out.add(new Out(loop.now(), d.event()));
            }
        }));
        server.onOpen(ALICE, 0);
        frame(new Hello("alice", UserToken.of(SECRET, "alice"), ProtocolVersion.CURRENT, null, Map.of()));
        frame(new Join("lobby"));
        out.clear();
    }

    @Test
    void shouldReleaseEachCommitADelayAfterTheLastAndKeepLaterAnswersBehindIt() {
        server.slowCommits(Duration.ofMillis(30));
        loop.runUntil(100 * MS);

        frame(new Send("lobby", "m1", "one", null));
        frame(new Send("lobby", "m2", "two", null));
        frame(new Ping(7));
        loop.runUntil(1000 * MS);

        assertThat(told).containsExactly(new Told(130 * MS, "sim-1", 1), new Told(160 * MS, "sim-1", 2));
        List<Object> events = out.stream().map(Out::event).toList();
        assertThat(events).filteredOn(e -> e instanceof Ack || e instanceof Pong).hasSize(3);
        assertThat(events.get(events.size() - 1)).isInstanceOf(Pong.class);
        assertThat(out).filteredOn(o -> o.event() instanceof Ack).extracting(Out::at).containsExactly(130 * MS, 160 * MS);
        assertThat(out).filteredOn(o -> o.event() instanceof Pong).extracting(Out::at).containsExactly(160 * MS);
    }

    @Test
    void shouldAnswerAtOnceOnceCommitsAreFastAgainAndTheLastSlowOneIsOut() {
        server.slowCommits(Duration.ofMillis(30));
        frame(new Send("lobby", "m1", "one", null));
        server.fastCommits(Duration.ofMillis(30));
        loop.runUntil(50 * MS);

        frame(new Send("lobby", "m2", "two", null));

        assertThat(told).extracting(Told::at).containsExactly(30 * MS, 50 * MS);
    }

    @Test
    void shouldLoseCommitsNotReleasedWhenKilledAndRecoverOnlyTheReleasedOnes() {
        frame(new Send("lobby", "m1", "one", null));
        server.slowCommits(Duration.ofMillis(30));
        frame(new Send("lobby", "m2", "two", null));

        assertThat(server.kill(true)).isEmpty();
        assertThat(server.down()).isTrue();
        loop.runUntil(1000 * MS);
        server.restart();

        assertThat(told).extracting(Told::seq).containsExactly(1L);
        assertThat(out).filteredOn(o -> o.event() instanceof Ack).hasSize(1);
        assertThat(server.epoch()).isEqualTo("sim-1");
        server.onOpen(new ConnectionId(2), loop.now());
        server.onFrame(new ConnectionId(2), new Decoded.Ok<>(new Hello("alice", UserToken.of(SECRET, "alice"),
                ProtocolVersion.CURRENT, "sim-1", Map.of("lobby", 0L))), loop.now());
        assertThat(out).filteredOn(o -> o.event() instanceof Welcome).singleElement()
                .satisfies(o -> assertThat(((Welcome) o.event()).rooms()).containsEntry("lobby", 1L));
    }

    @Test
    void shouldHoldInputsWhilePausedAndNameEachLostRestartsEpoch() {
        server.pause();
        assertThat(server.paused()).isTrue();
        server.hold(now -> frame(new Ping(1)));
        loop.runUntil(200 * MS);
        assertThat(out).isEmpty();

        server.resume().forEach(input -> input.run(loop.now()));

        assertThat(out).singleElement().isEqualTo(new Out(200 * MS, new Pong(1)));
        server.kill(false);
        server.restart();
        assertThat(server.epoch()).isEqualTo("sim-1-r1");
        server.kill(false);
        server.restart();
        assertThat(server.epoch()).isEqualTo("sim-1-r2");
    }

    @Test
    void shouldCommitAResendOlderThanTheScenariosDedupeWindowAgainAndAckANewerOneAsBefore() {
        resendTheFirstOfThree();
        assertThat(told).as("the default window remembers m1: its resends are acked, not committed")
                .extracting(Told::seq).containsExactly(1L, 2L, 3L);

        Scenario scenario = Scenarios.parse("dedupe", """
                name: dedupe
                seed: 1
                duration: 1s
                users: [alice]
                rooms: [{name: lobby, members: [alice]}]
                load: {rate: 1}
                server: {dedupe-window: 2}
                """);
        ServerConfig.Builder builder = RunSetup.server(scenario);
        assertThat(builder.build().dedupeWindow()).isEqualTo(2);
        told.clear();
        startAndJoin(builder.secret(SECRET));
        resendTheFirstOfThree();

        assertThat(told).as("m1 resent within the last 2 sends is acked; after m3 it is committed again")
                .extracting(Told::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(out).filteredOn(o -> o.event() instanceof Ack).extracting(o -> ((Ack) o.event()).seq())
                .containsExactly(1L, 2L, 1L, 3L, 4L);
    }

    /** m1, m2, m1 again, m3, m1 again. */
    private void resendTheFirstOfThree() {
        frame(new Send("lobby", "m1", "one", null));
        frame(new Send("lobby", "m2", "two", null));
        frame(new Send("lobby", "m1", "one", null));
        frame(new Send("lobby", "m3", "three", null));
        frame(new Send("lobby", "m1", "one", null));
        loop.runUntil(loop.now() + 1000 * MS);
    }

    private void frame(ClientEvent event) {
        server.onFrame(ALICE, new Decoded.Ok<>(event), loop.now());
    }
}
