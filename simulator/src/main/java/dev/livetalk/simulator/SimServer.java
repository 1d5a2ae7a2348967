package dev.livetalk.simulator;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.Message;
import dev.livetalk.server.CommitListener;
import dev.livetalk.server.ConnectionId;
import dev.livetalk.server.ServerConfig;
import dev.livetalk.server.ServerCore;
import dev.livetalk.server.ServerHistory;
import dev.livetalk.server.ServerOutput;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulated server process: the {@link ServerCore} it runs and what the server faults do
 * to it. A restart kills the core (it is {@linkplain #down() down} until the last restart
 * window ends) and starts a new one, from the old one's durable history or empty under a new
 * epoch ({@code <first epoch>-r1}, {@code -r2}, ...). A pause {@linkplain #hold holds} every
 * input until it ends. A slow commit releases a call that commits {@code delay} after the
 * server is free, and every later call's outputs behind it, so each connection keeps its
 * order; its commits are told to the run's {@link CommitListener} when released (when the
 * commit is safe and acknowledged, as a durable server tells them).
 *
 * <p>Single-threaded: the simulation thread, inside {@link EventLoop} actions.
 */
final class SimServer {
    /** One commit of a call, told to the run's listener when the call's outputs are released. */
    private record Commit(String epoch, Message message) {
    }

    private final EventLoop loop;
    private final ServerConfig config;
    private final CommitListener listener;
    private final String firstEpoch;
    private final NetworkStats stats;
    private final Consumer<List<ServerOutput>> dispatch;
    /** The commits of the call in progress. */
    private final List<Commit> calling = new ArrayList<>(1);
    /** Commits made but not released yet (a slow commit in progress): not durable, not acknowledged. */
    private final Set<String> unreleased = new HashSet<>();
    private final ArrayDeque<EventLoop.Action> waiting = new ArrayDeque<>();
    private final List<Duration> slowCommits = new ArrayList<>(1);
    private ServerCore core;
    /** Counts the cores started: a release of a dead core's call is dropped. */
    private int generation;
    private int restarting;
    private int pauses;
    private int lostRestarts;
    private ServerHistory recovering;
    /** When the last held release goes out: later outputs wait behind it. */
    private long busyUntil = Long.MIN_VALUE;
    private int heldReleases;

    /**
     * A server of {@code config} announcing {@code epoch}, whose outputs {@code dispatch} carries
     * out (at the time they are released).
     */
    SimServer(EventLoop loop, ServerConfig config, String epoch, NetworkStats stats,
              Consumer<List<ServerOutput>> dispatch) {
        this.loop = loop;
        this.listener = config.commitListener();
        this.config = config.toBuilder().commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
                throw new IllegalStateException("the core tells commits with their epoch");
            }

            @Override
            public void onCommit(String history, Message message) {
                calling.add(new Commit(history, message));
            }

            @Override
            public void onStart(String history) {
                listener.onStart(history); // each core's start, at once: nothing is held before it
            }

            @Override
            public void onRequest(String type) {
                listener.onRequest(type); // as the core receives it, at once
            }
        }).build();
        this.firstEpoch = epoch;
        this.stats = stats;
        this.dispatch = dispatch;
        this.core = new ServerCore(this.config, epoch, SimBackend.ORIGIN_MILLIS);
    }

    /** Whether the server is dead (a restart window acts): connects are refused. */
    boolean down() {
        return core == null;
    }

    /** Whether the running server is paused: every input waits ({@link #hold}). */
    boolean paused() {
        return pauses > 0 && core != null;
    }

    /** Keeps {@code input} until the pause ends; it then runs at that time, in arrival order. */
    void hold(EventLoop.Action input) {
        stats.onServerHeld();
        waiting.add(input);
    }

    void onOpen(ConnectionId id, long now) {
        if (core != null) {
            release(core.onOpen(id, now), now);
        }
    }

    void onFrame(ConnectionId id, Decoded<ClientEvent> frame, long now) {
        if (core != null) {
            release(core.onFrame(id, frame, now), now);
        }
    }

    void onClose(ConnectionId id, long now) {
        if (core != null) {
            release(core.onClose(id, now), now);
        }
    }

    void onTick(long now) {
        if (core != null) {
            release(core.onTick(now), now);
        }
    }

    /**
     * Carries out the outputs of the call just made, with its commits: now, or when a slow
     * commit lets them go (a call that commits goes out {@code delay} per commit after the
     * server is free; any call waits behind one held before it).
     */
    private void release(List<ServerOutput> outputs, long now) {
        List<Commit> commits = calling.isEmpty() ? List.of() : List.copyOf(calling);
        calling.clear();
        long delay = slowCommitDelay();
        long at = Math.max(now, busyUntil);
        if (delay > 0 && !commits.isEmpty()) {
            at += delay * commits.size();
            stats.onSlowCommits(commits.size());
        }
        if (at <= now && heldReleases == 0) {
            tell(commits);
            dispatch.accept(outputs);
            return;
        }
        busyUntil = at;
        heldReleases++;
        commits.forEach(c -> unreleased.add(c.message().id()));
        int of = generation;
        loop.at(at, t -> {
            if (of != generation) {
                return;
            }
            heldReleases--;
            commits.forEach(c -> unreleased.remove(c.message().id()));
            tell(commits);
            dispatch.accept(outputs);
        });
    }

    private void tell(List<Commit> commits) {
        for (Commit commit : commits) {
            listener.onCommit(commit.epoch(), commit.message());
        }
    }

    private long slowCommitDelay() {
        long delay = 0;
        for (Duration d : slowCommits) {
            delay = Math.max(delay, d.toNanos());
        }
        return delay;
    }

    /**
     * A restart window begins: the core dies (unless it is down already) with what it had not
     * released; with {@code durable} the next core takes up its history but for those commits,
     * which never became durable. Returns the inputs that waited for a pause: the caller runs
     * them against the dead server (they find it down and their connections closed).
     */
    List<EventLoop.Action> kill(boolean durable) {
        restarting++;
        if (core == null) {
            return List.of();
        }
        stats.onRestart();
        recovering = durable ? durableHistory() : null;
        core = null;
        generation++;
        unreleased.clear();
        heldReleases = 0;
        busyUntil = Long.MIN_VALUE;
        List<EventLoop.Action> inputs = new ArrayList<>(waiting);
        waiting.clear();
        return inputs;
    }

    /** The core's durable history without the commits not released yet. */
    private ServerHistory durableHistory() {
        ServerHistory all = core.durableHistory();
        if (unreleased.isEmpty()) {
            return all;
        }
        Map<String, List<Message>> rooms = new LinkedHashMap<>();
        all.rooms().forEach((room, messages) -> rooms.put(room,
                messages.stream().filter(m -> !unreleased.contains(m.id())).toList()));
        return new ServerHistory(all.epoch(), rooms);
    }

    /** A restart window ends: when it was the last, a new core starts. */
    void restart() {
        if (--restarting > 0 || core != null) {
            return;
        }
        if (recovering != null) {
            core = new ServerCore(config, recovering, SimBackend.ORIGIN_MILLIS);
        } else {
            core = new ServerCore(config, firstEpoch + "-r" + (++lostRestarts), SimBackend.ORIGIN_MILLIS);
        }
        recovering = null;
    }

    /** A pause window begins. */
    void pause() {
        pauses++;
        stats.onPause();
    }

    /** A pause window ends; when it was the last, returns the inputs that waited, in arrival order. */
    List<EventLoop.Action> resume() {
        if (--pauses > 0) {
            return List.of();
        }
        List<EventLoop.Action> inputs = new ArrayList<>(waiting);
        waiting.clear();
        return inputs;
    }

    /** A slow-commit window of {@code delay} begins (each commit takes the longest acting). */
    void slowCommits(Duration delay) {
        slowCommits.add(delay);
    }

    /** A slow-commit window of {@code delay} ends. */
    void fastCommits(Duration delay) {
        slowCommits.remove(delay);
    }

    /** The epoch of the running core, or {@code null} while down. */
    String epoch() {
        return core == null ? null : core.epoch();
    }
}
