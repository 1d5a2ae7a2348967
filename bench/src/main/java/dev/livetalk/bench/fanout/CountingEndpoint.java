package dev.livetalk.bench.fanout;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.util.concurrent.CountDownLatch;

/**
 * A benchmark client: stamps each text frame with its arrival time and hands it on; counts
 * itself ready at the target's ready frame. Public because Tyrus calls it reflectively.
 *
 * <p>Threads: one Tyrus client thread at a time per session.
 */
public final class CountingEndpoint extends Endpoint {
    /** Receives each frame with its arrival time in {@link System#nanoTime()} units. */
    @FunctionalInterface
    interface FrameSink {
        void onFrame(String frame, long arrivedNanos);
    }

    private final FanoutTarget target;
    private final CountDownLatch ready;
    private final FrameSink sink;
    private boolean counted;

    CountingEndpoint(FanoutTarget target, CountDownLatch ready, FrameSink sink) {
        this.target = target;
        this.ready = ready;
        this.sink = sink;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, frame -> {
            long now = System.nanoTime();
            if (!counted && target.isReadyFrame(frame)) {
                counted = true;
                ready.countDown();
            }
            sink.onFrame(frame, now);
        });
    }

    @Override
    public void onError(Session session, Throwable error) {
        System.err.println(target.name() + ": client session failed: " + error);
    }
}
