package dev.livetalk.client.tyrus;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Throwables;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.protocol.CodecLimits;
import dev.livetalk.protocol.EventCodec;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Tyrus transport of {@link ClientSession}s: hosts any number of sessions on one owner
 * thread, {@code livetalk-client-driver-N}, and carries their links over WebSocket connections
 * of one shared Tyrus client container.
 *
 * <p>Threads: every {@link ClientSession} method, every transcript listener and every task
 * given to {@link #execute}, {@link #call} or {@link #schedule} runs on the owner thread,
 * one at a time. Tyrus threads only decode frames, stamp their arrival time and post them
 * to the owner's inbox; connect attempts block virtual threads, never the owner.
 */
public final class ClientDriver implements AutoCloseable {
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final AtomicLong DRIVERS = new AtomicLong();

    private final ClientManager tyrus;
    private final EventCodec codec = new EventCodec(CodecLimits.CLIENT);
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final PriorityQueue<Wakeup> wakeups = new PriorityQueue<>();
    private final List<DrivenClient> clients = new ArrayList<>();
    private final AtomicLong transportErrors = new AtomicLong();
    private final Thread owner;
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;
    private long lastNow;
    private long wakeupSequence;

    /**
     * @param connectTimeout how long a WebSocket handshake may take before the attempt fails
     * @param onFailure      told, on the owner thread, of an exception or Error a task threw;
     *                       the driver keeps running (but after an Error that puts the JVM in
     *                       doubt, {@link Throwables#recoverable})
     */
    public ClientDriver(Duration connectTimeout, Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
        this.tyrus = ClientManager.createClient();
        tyrus.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        tyrus.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 5);
        tyrus.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) connectTimeout.toMillis());
        tyrus.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, CodecLimits.CLIENT.maxFrameBytes() + 1024);
        this.owner = Thread.ofPlatform().name("livetalk-client-driver-" + DRIVERS.incrementAndGet()).daemon()
                .unstarted(this::loop);
        owner.start();
    }

    /**
     * Adds a session whose links connect to {@code uris} (per role; the runner gives each
     * link its own proxy). Call {@link DrivenClient#start()} to open its connections.
     */
    public DrivenClient add(ClientSession session, Map<LinkRole, URI> uris) {
        return add(session, uris, FrameTap.NONE);
    }

    /**
     * As {@link #add(ClientSession, Map)}, and {@code tap} sees every decoded frame on the
     * owner thread just before the session does (the harness records receipts with it).
     */
    public DrivenClient add(ClientSession session, Map<LinkRole, URI> uris, FrameTap tap) {
        DrivenClient client = new DrivenClient(this, session, Map.copyOf(uris), tap);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** Runs {@code task} on the owner thread, after the tasks posted before it. */
    public void execute(Runnable task) {
        if (!closed) {
            inbox.add(task);
        }
    }

    /** Runs {@code task} on the owner thread and hands back its result. */
    public <T> CompletableFuture<T> call(java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) { // an Error too: the caller waits on the result
                result.completeExceptionally(e);
                if (!Throwables.recoverable(e)) {
                    throw e;
                }
            }
        });
        return result;
    }

    /**
     * Runs {@code task} on the owner thread at {@code atNanos} ({@link System#nanoTime()}
     * units) or as soon after as it can; the task gets the time it actually ran. Any thread:
     * on the owner thread the wake-up is booked at once (not behind the tasks already posted,
     * which would make a busy driver late for its own load); elsewhere it is posted.
     */
    public void schedule(long atNanos, java.util.function.LongConsumer task) {
        if (Thread.currentThread() != owner) {
            execute(() -> schedule(atNanos, task));
            return;
        }
        wakeups.add(new Wakeup(atNanos, wakeupSequence++, task));
    }

    /** Frames that failed to decode, sends that failed, closes that errored. */
    public long transportErrors() {
        return transportErrors.get();
    }

    /** The owner thread's clock: {@link System#nanoTime()}, never going backwards. */
    long now() {
        lastNow = Math.max(lastNow, System.nanoTime());
        return lastNow;
    }

    /** Monotonic time for an input that arrived at {@code arrivedNanos} on a Tyrus thread. */
    long arrival(long arrivedNanos) {
        lastNow = Math.max(lastNow, arrivedNanos);
        return lastNow;
    }

    EventCodec codec() {
        return codec;
    }

    ClientManager tyrus() {
        return tyrus;
    }

    void countTransportError() {
        transportErrors.incrementAndGet();
    }

    /**
     * Runs due wake-ups and posted tasks. A wake-up that falls due while tasks keep arriving
     * runs after the task in hand, not after the inbox runs dry: under load the inbox is never
     * empty, and the load's sends are wake-ups whose lateness is the harness's scheduling lag.
     */
    private void loop() {
        while (!closed) {
            try {
                runDueWakeups();
                Runnable task = inbox.poll(pollNanos(), TimeUnit.NANOSECONDS);
                while (task != null && !closed) {
                    run(task);
                    if (!wakeups.isEmpty() && wakeups.peek().at <= System.nanoTime()) {
                        runDueWakeups();
                    }
                    task = inbox.poll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long pollNanos() {
        Wakeup next = wakeups.peek();
        if (next == null) {
            return IDLE_POLL_NANOS;
        }
        return Math.max(0, Math.min(IDLE_POLL_NANOS, next.at - System.nanoTime()));
    }

    private void runDueWakeups() {
        long now = now();
        while (!wakeups.isEmpty() && wakeups.peek().at <= now && !closed) {
            Wakeup wakeup = wakeups.poll();
            run(() -> wakeup.task.accept(now()));
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // an Error too: a strategy's StackOverflowError or AssertionError, a plugged-in jar without a class it
            // uses; told like an exception, the owner thread going on. One that puts the JVM in doubt (an
            // OutOfMemoryError: Throwables) is told too, so the run fails saying so, and ends the thread.
            onFailure.accept(e);
            if (!Throwables.recoverable(e)) {
                throw e;
            }
        }
    }

    /** Closes every connection and stops the owner thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> closedAll = call(() -> {
            synchronized (clients) {
                clients.forEach(DrivenClient::closeLinks);
            }
            return null;
        });
        try {
            closedAll.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            onFailure.accept(e);
        }
        closed = true;
        owner.interrupt();
    }

    /** A task due at {@code at}; ties run in scheduling order. */
    private record Wakeup(long at, long sequence, java.util.function.LongConsumer task) implements Comparable<Wakeup> {
        @Override
        public int compareTo(Wakeup other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

}
