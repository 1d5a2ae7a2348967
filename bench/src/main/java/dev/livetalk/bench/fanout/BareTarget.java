package dev.livetalk.bench.fanout;

import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The bare Tyrus broadcast endpoint: frames are relayed as they are to every session. */
final class BareTarget implements FanoutTarget {
    private final BareBroadcastServer server;

    private BareTarget(BareBroadcastServer server) {
        this.server = server;
    }

    static BareTarget start() throws IOException, DeploymentException {
        return new BareTarget(BareBroadcastServer.start());
    }

    @Override
    public String name() {
        return "bare-broadcast";
    }

    @Override
    public URI uri() {
        return server.uri();
    }

    @Override
    public List<String> openingFrames(int client) {
        return List.of("{\"type\":\"ready\"}");
    }

    @Override
    public boolean isReadyFrame(String frame) {
        return frame.contains("\"ready\"");
    }

    @Override
    public String sendFrame(int sender, long index, String body) {
        // The same shape and size as the reference server's message frame, so the clients do
        // the same work for both targets.
        return "{\"type\":\"message\",\"room\":\"fanout\",\"seq\":" + (index + 1) + ",\"id\":\"m" + index
                + "\",\"clientMsgId\":\"c" + index + "\",\"from\":\"u" + sender + "\",\"body\":\"" + body
                + "\",\"serverTime\":0}";
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
