package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the outputs of core calls until the messages they committed are durable, then
 * releases them in call order: the one ordered path from the core to the connections while a
 * store is attached or commits are slowed.
 *
 * <p>Group commit: the committer thread {@code livetalk-server-committer} takes every call
 * pending at once, writes all their messages in one transaction of the {@link HistoryStore}
 * and waits for its sync, waits out the slow-commit delay if one is set, then hands the calls
 * back under the server lock ({@link Released#onDurable}). A call that committed nothing
 * waits behind the commits queued before it (so each connection's order holds); with nothing
 * queued or in flight, it goes straight out ({@link #offer} answers false).
 *
 * <p>Threads: {@link #offer} and {@link #slowCommits} are called under the server's lock
 * (the one given here), which also guards the queue; the committer thread takes that lock
 * to take the queue and to release, never while it writes or waits.
 */
final class CommitPipeline {
    private static final System.Logger LOG = System.getLogger(CommitPipeline.class.getName());
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    /** The messages one core call committed and the outputs it produced, in order. */
    record Call(List<Message> commits, List<ServerOutput> outputs) {
    }

    /** What the pipeline hands back; called by the committer thread holding the server lock. */
    interface Released {
        /** {@code calls}' commits are durable: tell the listener, dispatch their outputs, in order. */
        void onDurable(List<Call> calls);

        /** The store failed: nothing pending may be acknowledged, nor anything after it. */
        void onFailed(HistoryStoreException e);
    }

    private final ReentrantLock lock;
    private final Condition queued;
    private final HistoryStore store;
    private final Released released;
    private final ArrayDeque<Call> pending = new ArrayDeque<>();
    private final ScheduledExecutorService delays;
    private final Thread committer;
    private boolean inFlight;
    private boolean closing;
    private boolean failed;
    private long extraNanos;

    /**
     * @param store the durable history, or {@code null} for a server in memory (then the
     *              pipeline holds calls only while commits are slowed)
     */
    CommitPipeline(ReentrantLock lock, HistoryStore store, Released released) {
        this.lock = lock;
        this.queued = lock.newCondition();
        this.store = store;
        this.released = released;
        this.delays = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "livetalk-server-commit-delay"));
        this.committer = daemon(this::run, "livetalk-server-committer");
        committer.start();
    }

    /**
     * Queues one call's commits and outputs; called under the server lock. Answers false when
     * the caller may dispatch them now: they commit nothing (or nothing needs to wait for a
     * commit) and nothing is queued or in flight before them.
     */
    boolean offer(List<Message> commits, List<ServerOutput> outputs) {
        boolean holding = store != null || extraNanos > 0;
        if (!failed && pending.isEmpty() && !inFlight && (commits.isEmpty() || !holding)) {
            return false;
        }
        if (!failed) {
            pending.add(new Call(commits, outputs));
            queued.signal();
        }
        return true;
    }

    /** Each commit from now on takes {@code extra} more; zero lifts it. Called under the server lock. */
    void slowCommits(Duration extra) {
        if (extra == null || extra.isNegative()) {
            throw new IllegalArgumentException("slow-commit delay must be >= 0 (0 lifts it): " + extra);
        }
        extraNanos = extra.toNanos();
    }

    /** Releases what is queued (each commit made durable first), then stops the committer; closes the store. */
    void close() throws HistoryStoreException, InterruptedException {
        lock.lock();
        try {
            closing = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        committer.join(CLOSE_DEADLINE.toMillis());
        delays.shutdownNow();
        if (store != null && !committer.isAlive()) {
            store.close();
        }
    }

    private void run() {
        while (true) {
            List<Call> calls;
            long extra;
            lock.lock();
            try {
                while (pending.isEmpty() && !closing) {
                    queued.awaitUninterruptibly();
                }
                if (pending.isEmpty()) {
                    return;
                }
                calls = new ArrayList<>(pending);
                pending.clear();
                inFlight = true;
                extra = extraNanos;
            } finally {
                lock.unlock();
            }
            if (!commit(calls, extra)) {
                return;
            }
        }
    }

    /**
     * Makes {@code calls}' messages durable and releases the calls; false when the store failed.
     * A slow commit ({@code extra} per message, one after another) is waited out BEFORE the
     * write, so a crash during the delay loses only messages nobody was told about: what the
     * store holds has been (or is about to be) released.
     */
    private boolean commit(List<Call> calls, long extra) {
        List<Message> messages = new ArrayList<>();
        calls.forEach(call -> messages.addAll(call.commits()));
        try {
            if (extra > 0 && !messages.isEmpty()) {
                int n = messages.size();
                awaitDelay(extra > Long.MAX_VALUE / n ? Long.MAX_VALUE : extra * n);
            }
            if (store != null && !messages.isEmpty()) {
                store.append(messages);
            }
        } catch (HistoryStoreException e) {
            return fail(e);
        } catch (RuntimeException e) {
            return fail(new HistoryStoreException(null, "the commit failed: " + e, e));
        }
        lock.lock();
        try {
            inFlight = false;
            released.onDurable(calls);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "bug: releasing committed calls failed", e);
            failed = true;
            pending.clear();
            released.onFailed(new HistoryStoreException(null, "releasing acknowledgements failed: " + e, e));
            return false;
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** The store (or the commit) failed: nothing more is acknowledged; the server closes every connection. */
    private boolean fail(HistoryStoreException e) {
        LOG.log(Level.ERROR, "the durable history failed; no further message is acknowledged: " + e.getMessage(), e);
        lock.lock();
        try {
            failed = true;
            pending.clear();
            released.onFailed(e);
        } finally {
            lock.unlock();
        }
        return false;
    }

    private void awaitDelay(long nanos) {
        CompletableFuture<Void> release = new CompletableFuture<>();
        delays.schedule(() -> release.complete(null), nanos, TimeUnit.NANOSECONDS);
        try {
            release.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("bug: a slow-commit release failed", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
