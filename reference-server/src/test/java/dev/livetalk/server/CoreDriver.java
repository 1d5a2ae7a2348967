package dev.livetalk.server;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a {@link ServerCore} on the test thread with a controlled clock, the way the
 * shell would: frames go through the real codec when given as JSON.
 */
final class CoreDriver {
    static final String SECRET = "test-secret";
    static final String EPOCH = "epoch-1";
    static final long WALL_CLOCK_OFFSET = 1_700_000_000_000L;

    final ServerConfig config;
    final ServerCore core;
    final EventCodec codec;
    final List<Message> committed = new ArrayList<>();
    private long now = 1_000_000_000L;
    private long nextId;

    CoreDriver() {
        this(ServerConfig.builder(SECRET));
    }

    CoreDriver(ServerConfig.Builder builder) {
        this(builder, EPOCH);
    }

    CoreDriver(ServerConfig.Builder builder, String epoch) {
        this.config = builder.commitListener(committed::add).build();
        this.core = new ServerCore(config, epoch, WALL_CLOCK_OFFSET);
        this.codec = new EventCodec(config.codecLimits());
    }

    /** A driver of {@code core}, built elsewhere (a restarted core) with {@code config}. */
    CoreDriver(ServerCore core, ServerConfig config) {
        this.config = config;
        this.core = core;
        this.codec = new EventCodec(config.codecLimits());
    }

    long now() {
        return now;
    }

    void advance(Duration duration) {
        now += duration.toNanos();
    }

    ConnectionId open() {
        ConnectionId id = new ConnectionId(++nextId);
        assertThat(core.onOpen(id, now)).isEmpty();
        return id;
    }

    List<ServerOutput> frame(ConnectionId id, ClientEvent event) {
        return core.onFrame(id, new Decoded.Ok<>(event), now);
    }

    List<ServerOutput> json(ConnectionId id, String frame) {
        return core.onFrame(id, codec.decodeClient(frame), now);
    }

    /** Opens a connection and says a good hello as {@code user}. */
    ConnectionId login(String user) {
        return login(user, null, Map.of());
    }

    ConnectionId login(String user, String epoch, Map<String, Long> resume) {
        ConnectionId id = open();
        List<ServerOutput> out = frame(id, hello(user, epoch, resume));
        assertThat(events(out, id).getFirst()).isInstanceOf(Welcome.class);
        return id;
    }

    static Hello hello(String user, String epoch, Map<String, Long> resume) {
        return new Hello(user, UserToken.of(SECRET, user), ProtocolVersion.CURRENT, epoch, resume);
    }

    /** Logs in as {@code user} and joins {@code rooms}. */
    ConnectionId member(String user, String... rooms) {
        ConnectionId id = login(user);
        for (String room : rooms) {
            frame(id, new Join(room));
        }
        return id;
    }

    List<ServerOutput> send(ConnectionId id, String room, String clientMsgId, String body) {
        return frame(id, new Send(room, clientMsgId, body, null));
    }

    /** The events delivered to {@code id}, in order. */
    static List<ServerEvent> events(List<ServerOutput> outputs, ConnectionId id) {
        List<ServerEvent> events = new ArrayList<>();
        for (ServerOutput output : outputs) {
            if (output instanceof ServerOutput.Deliver deliver && deliver.connection().equals(id)) {
                events.add(deliver.event());
            }
        }
        return events;
    }

    /** The single error delivered to {@code id}. */
    static ErrorEvent error(List<ServerOutput> outputs, ConnectionId id) {
        List<ServerEvent> events = events(outputs, id);
        assertThat(events).hasSize(1).first().isInstanceOf(ErrorEvent.class);
        return (ErrorEvent) events.getFirst();
    }

    static boolean closes(List<ServerOutput> outputs, ConnectionId id, ErrorCode reason) {
        return outputs.contains(new ServerOutput.Close(id, reason));
    }

    static boolean closesAny(List<ServerOutput> outputs) {
        return outputs.stream().anyMatch(ServerOutput.Close.class::isInstance);
    }
}
