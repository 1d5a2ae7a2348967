package dev.livetalk.benchmarks;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;
import dev.livetalk.server.ConnectionId;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerCore;
import dev.livetalk.server.ServerOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server core's fan-out: one room with {@link #connections} members, one of them sending.
 * One operation is one decoded {@code Send} into {@link ServerCore#onFrame}: sequence, dedupe
 * check, history append, commit, then the outputs (the ack and one delivery per member, the
 * sender included). The score is sends per second; the {@code deliveries} counter is
 * deliveries per second.
 *
 * <p>Steady state: the sends cycle through {@value #DISTINCT_SENDS} pre-decoded frames with
 * distinct client message ids, more than the dedupe window (10,000), so every send is new
 * when it comes round again; the room log keeps its bounded 10,000 messages. The clock moves
 * 1 µs per send and the rate limit is lifted, so nothing is dropped. Encoding and the network
 * are not included: see {@link CodecBenchmark}.
 *
 * <p>Single-threaded: JMH calls every method on the one benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ServerCoreBenchmark {
    private static final String SECRET = "bench-secret";
    private static final String ROOM = "general";
    private static final int DISTINCT_SENDS = 1 << 14;
    private static final long STEP_NANOS = 1_000L;

    /** Members of the room. */
    @Param({"10", "100"})
    public int connections;

    private ServerCore core;
    private ConnectionId sender;
    private final List<Decoded<ClientEvent>> sends = new ArrayList<>(DISTINCT_SENDS);
    private long now = 1_000_000_000L;
    private int next;

    /** Deliveries to members per second (the ack to the sender not counted). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class FanOut {
        /** Deliveries in this iteration. */
        public long deliveries;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            deliveries = 0;
        }
    }

    /** Opens the room with its members and checks that one send fans out to all of them. */
    @Setup(Level.Trial)
    public void openRoom() {
        ServerConfig config = ServerConfig.builder(SECRET).rateLimit(1e12, Integer.MAX_VALUE).build();
        core = new ServerCore(config, "bench", 0);
        for (int i = 1; i <= connections; i++) {
            join(new ConnectionId(i), "user-" + i);
        }
        sender = new ConnectionId(1);
        for (int i = 0; i < DISTINCT_SENDS; i++) {
            sends.add(new Decoded.Ok<>(new Send(ROOM, "s-" + i, "message number " + i + " of the fan-out", null)));
        }
        int outputs = send().size();
        if (outputs != connections + 1) {
            throw new IllegalStateException("a send must give one ack and " + connections + " deliveries: "
                    + outputs + " outputs");
        }
    }

    private void join(ConnectionId id, String user) {
        core.onOpen(id, now);
        Hello hello = new Hello(user, UserToken.of(SECRET, user), ProtocolVersion.CURRENT);
        expect(core.onFrame(id, new Decoded.Ok<>(hello), now), Welcome.class);
        expect(core.onFrame(id, new Decoded.Ok<>(new Join(ROOM)), now), Joined.class);
    }

    private static void expect(List<ServerOutput> outputs, Class<?> type) {
        if (outputs.size() != 1 || !(outputs.get(0) instanceof ServerOutput.Deliver d) || !type.isInstance(d.event())) {
            throw new IllegalStateException("expected one " + type.getSimpleName() + ": " + outputs);
        }
    }

    /** One send in, the ack and the fan-out out. */
    @Benchmark
    public List<ServerOutput> fanOut(FanOut counters) {
        List<ServerOutput> outputs = send();
        counters.deliveries += outputs.size() - 1;
        return outputs;
    }

    private List<ServerOutput> send() {
        now += STEP_NANOS;
        return core.onFrame(sender, sends.get(next++ & (DISTINCT_SENDS - 1)), now);
    }
}
