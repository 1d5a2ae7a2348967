package dev.livetalk.run;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.metrics.results.Calibration;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one per-strategy sequence, on a scripted backend with no network: a virtual clock, clients
 * that join when started (or fail, or never join), and faults that fail when told. What the
 * harness says when it fails is the same on every backend, so it is tested here once.
 */
class StrategyPlayTest {
    private static final Scenario SCENARIO = scenario();

    private static Scenario scenario() {
        try {
            return ScenarioLoader.parse("play.yaml", """
                    name: play
                    seed: 5
                    duration: 4s
                    warmup: 1s
                    quiesce: 1s
                    users: [ann, ben]
                    rooms:
                      - name: lobby
                        members: all
                    load:
                      rate: 2
                    faults:
                      - type: down
                        name: cut
                        at: 1s
                        for: 1s
                        target: all
                    """, LoaderOptions.DEFAULTS);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static RunRecord play(Scripted backend) throws Exception {
        return new StrategyPlay(backend, RunPlan.resolve(SCENARIO, 5), "reconcile", RunSettings.DEFAULTS,
                RunProgress.NONE).play();
    }

    @Test
    void playsLoadAndFaultsAndRecordsEveryUsersSendsAndTheWindowsAsPlayed() throws Exception {
        Scripted backend = new Scripted(Behaviour.JOIN, -1);
        RunRecord record = play(backend);
        assertThat(record.trace().clients()).extracting(c -> c.user()).containsExactly("ann", "ben");
        int planned = RunPlan.resolve(SCENARIO, 5).load().sends().size();
        assertThat(record.trace().clients().stream().mapToInt(c -> c.sends().size()).sum()).isEqualTo(planned);
        assertThat(record.trace().windows()).singleElement().satisfies(w -> assertThat(w.fault()).isEqualTo("cut"));
        assertThat(record.welcomes()).containsOnlyKeys("ann", "ben");
        assertThat(backend.closed).isTrue();
    }

    @Test
    void failsWithTheClientsFailureWhenAClientCannotConnect() {
        Scripted backend = new Scripted(Behaviour.FAIL, -1);
        assertThatThrownBy(() -> play(backend)).isInstanceOf(RunFailure.class)
                .hasMessageContaining("reconcile: a client failed while connecting")
                .hasMessageContaining("connection refused by the script");
        assertThat(backend.closed).isTrue();
    }

    /** A client's thread that ran out of heap (a driver's, on a real network): the heap's stop, not a harness failure. */
    @Test
    void throwsTheOutOfMemoryErrorAClientsThreadToldOf() {
        Scripted backend = new Scripted(Behaviour.OUT_OF_MEMORY, -1);
        assertThatThrownBy(() -> play(backend)).isInstanceOf(OutOfMemoryError.class).hasMessage("scripted heap");
        assertThat(backend.closed).isTrue();
    }

    @Test
    void failsNamingHowManyClientsHadNotJoinedAfterTheStartupTimeout() {
        assertThatThrownBy(() -> play(new Scripted(Behaviour.SILENT, -1))).isInstanceOf(RunFailure.class)
                .hasMessage("reconcile: 2 of 2 clients had not joined their rooms after PT1M (seed 5)");
    }

    @Test
    void stopsWhereAFaultFailedAndSaysWhenWithinTheRun() {
        long failAt = Duration.ofMillis(2500).toNanos();
        assertThatThrownBy(() -> play(new Scripted(Behaviour.JOIN, failAt))).isInstanceOf(RunFailure.class)
                .hasMessage("reconcile: stopped at 2.5 s of 6.0 s: fault cut could not be applied: scripted");
    }

    @Test
    void letsGoOfTheStageItsClientsAndItsServerBeforeTheTraceIsMeasured() throws Exception {
        Scripted backend = new Scripted(Behaviour.JOIN, -1);
        StrategyPlay play = new StrategyPlay(backend, RunPlan.resolve(SCENARIO, 5), "reconcile", RunSettings.DEFAULTS,
                RunProgress.NONE);
        boolean released = play.play((record, slices) -> {
            // a whole played run's clients and server must not sit in the heap beside the measurement
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (backend.opened.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.onSpinWait();
            }
            return backend.opened.get() == null;
        });
        assertThat(released).as("the closed stage is unreachable while the trace is measured").isTrue();
        assertThat(backend.closed).isTrue();
        assertThat(play.summary()).as("what it said of itself is kept").isEqualTo("scripted stage");
    }

    private enum Behaviour { JOIN, FAIL, OUT_OF_MEMORY, SILENT }

    /** A backend whose stage is a virtual clock and a queue of actions; nothing travels anywhere. */
    private static final class Scripted implements Backend {
        private final Behaviour behaviour;
        private final long faultFailsAt;
        private boolean closed;
        /** The stage opened last, not held by the backend. */
        private java.lang.ref.WeakReference<Stage> opened = new java.lang.ref.WeakReference<>(null);

        Scripted(Behaviour behaviour, long faultFailsAt) {
            this.behaviour = behaviour;
            this.faultFailsAt = faultFailsAt;
        }

        @Override
        public String network() {
            return "scripted";
        }

        @Override
        public Environment environment() {
            return new Environment(null, "test", 1, new Calibration.VirtualTime());
        }

        @Override
        public void check(RunPlan plan) {
        }

        @Override
        public long hlogStartMillis() {
            return 0;
        }

        @Override
        public Stage open(RunPlan plan, String strategy, ServerConfig server, Consumer<Throwable> onFailure) {
            ScriptedStage stage = new ScriptedStage(onFailure);
            opened = new java.lang.ref.WeakReference<>(stage);
            return stage;
        }

        private record Due(long at, long order, LongConsumer action) {
        }

        private final class ScriptedStage implements Stage {
            private final Consumer<Throwable> onFailure;
            private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at != b.at
                    ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
            private long now;
            private long order;

            ScriptedStage(Consumer<Throwable> onFailure) {
                this.onFailure = onFailure;
            }

            void at(long at, LongConsumer action) {
                queue.add(new Due(Math.max(at, now), order++, action));
            }

            @Override
            public long now() {
                return now;
            }

            @Override
            public Host host(SimulatedUser user, ClientSession session) {
                return new Host() {
                    @Override
                    public int lane() {
                        return 0;
                    }

                    @Override
                    public void start() {
                        switch (behaviour) {
                            case JOIN -> ScriptedStage.this.at(now + 1_000_000, t -> user.rooms().forEach(room ->
                                    user.onFrame(new Link(LinkRole.MAIN, 1), new Joined(room, 0), t)));
                            case FAIL -> onFailure.accept(new IOException("connection refused by the script"));
                            case OUT_OF_MEMORY -> onFailure.accept(new OutOfMemoryError("scripted heap"));
                            case SILENT -> {
                            }
                        }
                    }

                    @Override
                    public void at(long at, LongConsumer action) {
                        ScriptedStage.this.at(at, action);
                    }

                    @Override
                    public void act(Consumer<ClientSession> action) {
                        action.accept(session);
                        session.drainOutputs();
                    }
                };
            }

            @Override
            public boolean runUntil(CompletableFuture<?> done, long deadline, Runnable everySecond) {
                while (!done.isDone()) {
                    Due next = queue.peek();
                    if (next == null || next.at > deadline) {
                        now = Math.max(now, deadline);
                        return false;
                    }
                    queue.poll();
                    now = next.at;
                    next.action.accept(now);
                }
                return true;
            }

            @Override
            public FaultPlay playFaults(List<FaultWindow> windows, long zero) {
                CompletableFuture<RunFailure> failure = new CompletableFuture<>();
                List<PlayedFault> played = new ArrayList<>();
                for (FaultWindow window : windows) {
                    long start = zero + window.start().toNanos();
                    long end = zero + window.end().toNanos();
                    at(end, t -> played.add(new PlayedFault(window, start, end, start, t, null)));
                }
                if (faultFailsAt >= 0) {
                    at(faultFailsAt, t -> failure.complete(new RunFailure("fault cut could not be applied: scripted")));
                }
                return new FaultPlay() {
                    @Override
                    public int active() {
                        return 0;
                    }

                    @Override
                    public CompletableFuture<RunFailure> failure() {
                        return failure;
                    }

                    @Override
                    public List<PlayedFault> played() {
                        return List.copyOf(played);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public long transportErrors() {
                return 0;
            }

            @Override
            public String summary() {
                return "scripted stage";
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }
}
