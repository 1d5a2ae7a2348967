package dev.livetalk.bench.fanout;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured pass of the fan-out benchmark against one target: {@code clients} sessions in
 * one room, one sender at a time (the sender rotates every {@code burst} messages), at most
 * {@code window} messages not yet received by every client.
 *
 * <p>Threads: the calling thread connects and sends; Tyrus client threads call
 * {@link #onFrame}, which touches only atomics, a latch, a semaphore and a multi-writer
 * {@link Recorder}.
 */
final class FanoutRun {
    private static final String MARKER = "bench:";

    private final FanoutTarget target;
    private final FanoutSettings settings;
    private final ClientManager clientManager;
    private final int expectedPerMessage;
    private final AtomicIntegerArray received;
    private final Semaphore window;
    private final CountDownLatch done;
    private final Recorder latency = new Recorder(3);
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private volatile long measuredFrom = Long.MAX_VALUE;

    FanoutRun(FanoutTarget target, FanoutSettings settings, ClientManager clientManager) {
        this.target = target;
        this.settings = settings;
        this.clientManager = clientManager;
        this.expectedPerMessage = target.deliveriesPerMessage(settings.clients());
        int total = settings.warmupMessages() + settings.messages();
        this.received = new AtomicIntegerArray(total);
        this.window = new Semaphore(settings.window());
        this.done = new CountDownLatch(total);
    }

    /** Connects, warms up, measures, disconnects; returns the measured figures. */
    FanoutResult measure() throws IOException, DeploymentException, InterruptedException {
        List<Session> sessions = connectAll();
        try {
            String padding = "x".repeat(settings.bodyPadding());
            long start = 0;
            int total = settings.warmupMessages() + settings.messages();
            for (int index = 0; index < total; index++) {
                if (index == settings.warmupMessages()) {
                    awaitDrained(index);
                    latency.reset();
                    deliveries.set(0);
                    start = System.nanoTime();
                    measuredFrom = index;
                }
                acquireWindow(index);
                int sender = (index / settings.burst()) % sessions.size();
                String body = MARKER + index + ":" + System.nanoTime() + ":" + padding;
                sessions.get(sender).getBasicRemote().sendText(target.sendFrame(sender, index, body));
            }
            awaitDrained(total);
            long elapsed = System.nanoTime() - start;
            Histogram histogram = latency.getIntervalHistogram();
            return new FanoutResult(target.name(), settings.clients(), settings.messages(), deliveries.get(),
                    elapsed, histogram, unexpected.get());
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    private List<Session> connectAll() throws IOException, DeploymentException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(settings.clients());
        List<Session> sessions = new ArrayList<>();
        for (int client = 0; client < settings.clients(); client++) {
            Session session = clientManager.connectToServer(new CountingEndpoint(target, ready, this::onFrame),
                    ClientEndpointConfig.Builder.create().build(), target.uri());
            sessions.add(session);
            for (String frame : target.openingFrames(client)) {
                session.getBasicRemote().sendText(frame);
            }
        }
        if (!ready.await(settings.timeoutSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(target.name() + ": " + ready.getCount() + " of "
                    + settings.clients() + " clients not ready after " + settings.timeoutSeconds() + " s");
        }
        return sessions;
    }

    private void acquireWindow(int index) throws InterruptedException {
        if (!window.tryAcquire(settings.timeoutSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(target.name() + ": message " + index + " waited "
                    + settings.timeoutSeconds() + " s for the window; deliveries stalled at " + deliveries.get());
        }
    }

    private void awaitDrained(int sent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        while (done.getCount() > (long) received.length() - sent) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(target.name() + ": " + (done.getCount() - (received.length() - sent))
                        + " messages not delivered to every client after " + settings.timeoutSeconds() + " s");
            }
            done.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
        }
    }

    void onFrame(String frame, long now) {
        int at = frame.indexOf(MARKER);
        if (at < 0) {
            return;
        }
        int indexEnd = frame.indexOf(':', at + MARKER.length());
        int timeEnd = frame.indexOf(':', indexEnd + 1);
        int index = Integer.parseInt(frame, at + MARKER.length(), indexEnd, 10);
        long sentAt = Long.parseLong(frame, indexEnd + 1, timeEnd, 10);
        int count = received.incrementAndGet(index);
        if (count > expectedPerMessage) {
            unexpected.incrementAndGet();
            return;
        }
        if (index >= measuredFrom) {
            latency.recordValue(Math.max(0, now - sentAt));
            deliveries.incrementAndGet();
        }
        if (count == expectedPerMessage) {
            window.release();
            done.countDown();
        }
    }
}
