package dev.livetalk.server;

import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.ServerEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames waiting to go out on one connection, in order, drained by one virtual thread
 * ({@code livetalk-server-out-cN}) that does the blocking sends. Bounded twice: in frames
 * ({@code limit}) and in encoded UTF-8 bytes ({@code maxBytes}). When the peer reads too
 * slowly and either bound would be passed, {@link #offerText} or {@link #offerEvent} says so
 * and the server closes the connection, so a slow consumer never blocks the core or other
 * clients, and never holds more than about {@code maxBytes} of frames.
 *
 * <p>A frame counts from when it is queued (encoded once by the server: a fan-out's text is
 * shared) until the drainer has sent it. An event queued by reference ({@link #offerEvent}:
 * a message the room retains anyway, as a resume replay sends them) costs a reference until
 * the drainer encodes it, and counts from then until it is sent.
 *
 * <p>Threads: {@link #offerText}, {@link #offerEvent}, {@link #offerClose}, {@link #abort}
 * and {@link #stop} are called by the thread holding the server's core lock; the drainer
 * thread only takes, encodes and releases bytes; {@link #awaitDrained} by the thread closing
 * the server; {@link #queuedBytes} by any thread.
 */
final class OutboundQueue {
    private static final System.Logger LOG = System.getLogger(OutboundQueue.class.getName());

    private final ConnectionId id;
    private final Session session;
    private final EventCodec codec;
    private final long maxBytes;
    private final LinkedBlockingQueue<Item> items;
    private final AtomicLong bytes = new AtomicLong();
    private final Thread drainer;
    private volatile boolean done;

    OutboundQueue(ConnectionId id, Session session, EventCodec codec, int limit, long maxBytes) {
        this.id = id;
        this.session = session;
        this.codec = codec;
        this.maxBytes = maxBytes;
        this.items = new LinkedBlockingQueue<>(limit);
        this.drainer = Thread.ofVirtual().name("livetalk-server-out-" + id).start(this::drain);
    }

    /**
     * Queues one encoded text frame of {@code utf8Bytes} bytes.
     *
     * @return false when a bound would be passed: the peer is a slow consumer
     */
    boolean offerText(String text, int utf8Bytes) {
        if (done) {
            return true;
        }
        if (bytes.get() + utf8Bytes > maxBytes || !items.offer(new Item.Text(text, utf8Bytes))) {
            return false;
        }
        bytes.addAndGet(utf8Bytes);
        return true;
    }

    /**
     * Queues one event by reference, encoded by the drainer just before it sends it.
     *
     * @return false when the frame bound would be passed: the peer is a slow consumer
     */
    boolean offerEvent(ServerEvent event) {
        return done || items.offer(new Item.Event(event));
    }

    /** Encoded bytes queued or being sent now. */
    long queuedBytes() {
        return bytes.get();
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

    /** The length of {@code text} encoded as UTF-8 (as {@code String.getBytes(UTF_8)} does), without encoding it. */
    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } // a lone surrogate: 1 byte, the '?' the JDK's encoder puts in its place
            }
        }
        return bytes;
    }

    private void drain() {
        try {
            while (!done) {
                switch (items.take()) {
                    case Item.Text text -> send(text.text(), text.utf8Bytes());
                    case Item.Event event -> {
                        String text = codec.encode(event.event());
                        int size = utf8Length(text);
                        bytes.addAndGet(size);
                        send(text, size);
                    }
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

    private void send(String text, int utf8Bytes) throws IOException {
        try {
            session.getBasicRemote().sendText(text);
        } finally {
            bytes.addAndGet(-utf8Bytes);
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
        record Text(String text, int utf8Bytes) implements Item {
        }

        record Event(ServerEvent event) implements Item {
        }

        record Closing(CloseReason reason) implements Item {
        }
    }
}
