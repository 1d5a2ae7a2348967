package dev.livetalk.bench.fanout;

import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.server.ReferenceServer;
import dev.livetalk.server.ServerConfig;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The reference server: every message is decoded, sequenced, deduplicated, kept in history
 * and acknowledged before it is broadcast. The rate limit is lifted so that the benchmark
 * measures the server, not its abuse protection.
 */
final class ReferenceTarget implements FanoutTarget {
    private static final String SECRET = "fanout-benchmark";
    private static final String ROOM = "fanout";

    private final ReferenceServer server;
    private final EventCodec codec = new EventCodec();

    private ReferenceTarget(ReferenceServer server) {
        this.server = server;
    }

    static ReferenceTarget start() throws IOException {
        return new ReferenceTarget(ReferenceServer.start(ServerConfig.builder(SECRET)
                .rateLimit(1_000_000, 1_000_000)
                .build()));
    }

    @Override
    public String name() {
        return "reference-server";
    }

    @Override
    public URI uri() {
        return server.uri();
    }

    @Override
    public List<String> openingFrames(int client) {
        String user = "u" + client;
        return List.of(
                codec.encode(new Hello(user, UserToken.of(SECRET, user), ProtocolVersion.CURRENT)),
                codec.encode(new Join(ROOM)));
    }

    @Override
    public boolean isReadyFrame(String frame) {
        return frame.startsWith("{\"type\":\"joined\"");
    }

    @Override
    public String sendFrame(int sender, long index, String body) {
        return codec.encode(new Send(ROOM, "c" + index, body, null));
    }

    @Override
    public int deliveriesPerMessage(int clients) {
        return clients;
    }

    @Override
    public void close() {
        server.close();
    }
}
