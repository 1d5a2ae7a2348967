package dev.livetalk.bench.calibrate;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.util.function.ObjLongConsumer;

/**
 * A bare client of the calibration: stamps each text frame with its arrival time
 * ({@link System#nanoTime()}) and hands it on. Public because Tyrus calls it reflectively.
 *
 * <p>Threads: one Tyrus client thread at a time per session.
 */
public final class ArrivalEndpoint extends Endpoint {
    private final ObjLongConsumer<String> sink;

    ArrivalEndpoint(ObjLongConsumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, frame -> sink.accept(frame, System.nanoTime()));
    }

    @Override
    public void onError(Session session, Throwable error) {
        System.err.println("calibrate: bare client session failed: " + error);
    }
}
