package dev.livetalk.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The frames waiting to go out on one connection, in order, drained by one virtual thread
 * ({@code livetalk-server-out-cN}) that does the blocking sends. Bounded: when the peer
 * reads too slowly and the queue fills, {@link #offerText} says so and the server closes
 * the connection, so a slow consumer never blocks the core or other clients.
 *
 * <p>Threads: {@link #offerText}, {@link #offerClose}, {@link #abort} and {@link #stop} are called by the
 * thread holding the server's core lock; the drainer thread only takes; {@link #awaitDrained}
 * by the thread closing the server.
 */
final class OutboundQueue {
    private static final System.Logger LOG = System.getLogger(OutboundQueue.class.getName());

    private final ConnectionId id;
    private final Session session;
    private final LinkedBlockingQueue<Item> items;
    private final Thread drainer;
    private volatile boolean done;

    OutboundQueue(ConnectionId id, Session session, int limit) {
        this.id = id;
        this.session = session;
        this.items = new LinkedBlockingQueue<>(limit);
        this.drainer = Thread.ofVirtual().name("livetalk-server-out-" + id).start(this::drain);
    }

    /**
     * Queues one text frame.
     *
     * @return false when the queue is full: the peer is a slow consumer
     */
    boolean offerText(String text) {
        return done || items.offer(new Item.Text(text));
    }

    /** Queues a close after the frames already queued; aborts when even that does not fit. */
    void offerClose(CloseReason reason) {
        if (!done && !items.offer(new Item.Closing(reason))) {
            abort(reason);
        }
    }

    /** Drops everything queued and closes the connection now, from a separate virtual thread. */
    void abort(CloseReason reason) {
        done = true;
        items.clear();
        drainer.interrupt();
        Thread.ofVirtual().name("livetalk-server-abort-" + id).start(() -> close(reason));
    }

    /** The connection is closed already: drops what is queued and ends the drainer. */
    void stop() {
        done = true;
        items.clear();
        drainer.interrupt();
    }

    /** Waits up to {@code timeout} for the drainer to finish; true when it did. */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        return drainer.join(timeout);
    }

    private void drain() {
        try {
            while (!done) {
                switch (items.take()) {
                    case Item.Text text -> session.getBasicRemote().sendText(text.text());
                    case Item.Closing closing -> {
                        done = true;
                        close(closing.reason());
                    }
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.DEBUG, "{0}: outbound drain stopped", id);
        } catch (IOException | IllegalStateException e) {
            // Tyrus throws IllegalStateException once the session is closed (by the peer or by Tyrus itself).
            done = true;
            LOG.log(Level.DEBUG, "{0}: peer gone while sending: {1}", id, e.getMessage());
        }
    }

    private void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "{0}: close failed, peer already gone: {1}", id, e.getMessage());
        }
    }

    /** What the drainer sends next. */
    private sealed interface Item {
        record Text(String text) implements Item {
        }

        record Closing(CloseReason reason) implements Item {
        }
    }
}
