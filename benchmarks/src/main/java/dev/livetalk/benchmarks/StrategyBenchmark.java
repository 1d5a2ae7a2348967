package dev.livetalk.benchmarks;

import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.protocol.Message;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per event of each built-in strategy, driven through a real {@code ClientSession} with
 * a controlled clock and no sockets ({@link SessionDriver}): live messages of one room
 * {@linkplain ArrivalPattern in seq order, shuffled within windows of 4, or with 1% of them
 * missing}, the missing ones fetched by the strategies that fetch ({@code gap-fill},
 * {@code reconcile}) and answered at once with a {@code HistoryReply}.
 *
 * <p>The score is events per second: one operation is one seq of the room (a live frame, or a
 * missing seq that a history reply fills), {@value #EVENTS} per invocation. Each invocation
 * gets a fresh session (made, welcomed and joined in a per-invocation setup, outside the
 * measurement), feeds it the whole pre-built stream, then lets 201 ms of session time pass so
 * the last gaps time out and are fetched. The stream, its seeded arrangement (seed
 * {@value #SEED}) and the history replies are built once per trial, so the measured loop
 * allocates only what the session itself allocates.
 *
 * <p>Steady state, honestly: a transcript keeps every line, so one endless session would
 * grow the heap and slow down with it. Here every invocation starts empty and ends with up
 * to {@value #EVENTS} lines, which then become garbage: the heap stays bounded, and the
 * score is the mean over transcripts of 0 to {@value #EVENTS} lines (per-line lookups are
 * hash maps; placing by seq walks a tree, so a far longer transcript costs somewhat more per
 * event). Collecting the dropped transcripts happens during measurement, as it would in a
 * client. An invocation lasts milliseconds, which makes JMH's per-invocation bookkeeping
 * negligible. Every transcript change and every output goes to the {@link Blackhole}, and
 * {@link #checkTranscript()} fails the run if the transcript does not hold the lines the
 * strategy must show, so the work cannot be optimised away or silently skipped.
 *
 * <p>Single-threaded: JMH calls every method on the one benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(StrategyBenchmark.EVENTS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StrategyBenchmark {
    /** Seqs of the room fed to one session per invocation. */
    static final int EVENTS = 16_384;
    /** Seed of the arrangements. */
    static final long SEED = 20_261_129L;
    /** Quiet time after the stream: longer than the default gap timeout (200 ms). */
    private static final long SETTLE_NANOS = 201_000_000L;
    private static final long START_NANOS = 1_000_000_000L;

    /** The strategy under test, by its name in README.md's strategy table. */
    @Param({"event-only", "naive-retry", "ordered", "gap-fill", "reconcile", "snapshot"})
    public String strategy;

    private Strategies strategies;
    private SessionConfig config;
    private RoomHistory history;
    private Message[] inOrder;
    private Message[] outOfOrder;
    private Message[] withGaps;
    private SessionDriver driver;
    private Blackhole blackhole;
    private ArrivalPattern fed;

    /** Builds the room, its three arrangements and the configuration, once per trial. */
    @Setup(Level.Trial)
    public void buildStreams() {
        RoomStream room = new RoomStream(EVENTS);
        SplittableRandom random = new SplittableRandom(SEED);
        inOrder = ArrivalPattern.IN_ORDER.arrange(room, random);
        outOfOrder = ArrivalPattern.OUT_OF_ORDER.arrange(room, random);
        withGaps = ArrivalPattern.WITH_GAPS.arrange(room, random);
        history = new RoomHistory(room);
        strategies = Strategies.load();
        config = SessionConfig.builder(SessionDriver.USER, "token-" + SessionDriver.USER)
                .rooms(RoomStream.ROOM).strategy(strategy).seed(SEED).build();
    }

    /** A fresh session, welcomed and joined, before every invocation. */
    @Setup(Level.Invocation)
    public void connectFreshSession() {
        driver = new SessionDriver(config, strategies.create(strategy, config.strategySettings()), history,
                this::consume, START_NANOS);
    }

    /** Fails the run when the session did not show what the strategy must show. */
    @TearDown(Level.Invocation)
    public void checkTranscript() {
        int expected = expectedLines();
        if (driver.lines() != expected) {
            throw new IllegalStateException(strategy + " fed " + fed + " must show " + expected
                    + " lines: " + driver.lines());
        }
    }

    /** (a) Every message once, in seq order. */
    @Benchmark
    public int inOrder(Blackhole bh) {
        return feed(ArrivalPattern.IN_ORDER, inOrder, bh);
    }

    /** (b) Every message once, shuffled within windows of 4 seqs. */
    @Benchmark
    public int outOfOrder(Blackhole bh) {
        return feed(ArrivalPattern.OUT_OF_ORDER, outOfOrder, bh);
    }

    /** (c) 1% of the messages missing live; the fetching strategies get them by history. */
    @Benchmark
    public int withGaps(Blackhole bh) {
        return feed(ArrivalPattern.WITH_GAPS, withGaps, bh);
    }

    private int feed(ArrivalPattern pattern, Message[] arrivals, Blackhole bh) {
        blackhole = bh;
        fed = pattern;
        driver.feed(arrivals);
        driver.idle(SETTLE_NANOS);
        return driver.lines();
    }

    private void consume(Object sessionOutputOrChange) {
        blackhole.consume(sessionOutputOrChange);
    }

    /**
     * What the strategy shows at the end: everything, except with gaps: the fetching ones
     * fill them, {@code ordered} holds everything after the first gap forever (its known
     * flaw), the others show the stream with the holes.
     */
    private int expectedLines() {
        if (fed != ArrivalPattern.WITH_GAPS) {
            return EVENTS;
        }
        return switch (strategy) {
            case "gap-fill", "reconcile" -> EVENTS;
            case "ordered" -> (int) firstMissingSeq() - 1;
            default -> withGaps.length;
        };
    }

    private long firstMissingSeq() {
        for (int i = 0; i < withGaps.length; i++) {
            if (withGaps[i].seq() != i + 1) {
                return i + 1;
            }
        }
        return withGaps.length + 1;
    }
}
