package dev.livetalk.junit;

import dev.livetalk.network.toxiproxy.ToxiproxyLauncher;
import dev.livetalk.network.toxiproxy.ToxiproxyServer;
import dev.livetalk.server.TyrusLogging;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM's Toxiproxy server for the tests, found or started as the command line does
 * ({@link ToxiproxyLauncher}: {@code TOXIPROXY_URL}, {@code TOXIPROXY_SERVER},
 * {@code toxiproxy-server} on {@code PATH}, {@code .tools/bin/} of the project, {@code go install},
 * Docker), and closed by the extension's root store at the end of the test plan.
 *
 * <p>Thread-safe: runs on it are played one at a time ({@link #exclusively}), since the proxies
 * of two runs would share one server and their latencies one machine.
 */
final class SharedToxiproxy implements AutoCloseable {
    private final ToxiproxyServer server;
    private final ReentrantLock turn = new ReentrantLock(true);

    private SharedToxiproxy(ToxiproxyServer server) {
        this.server = server;
    }

    /**
     * Launches Toxiproxy as {@code livetalk run} does.
     *
     * @throws dev.livetalk.network.NetworkBackendException when none is found; the message says how to get one
     */
    static SharedToxiproxy launch() {
        TyrusLogging.configure(false);
        ToxiproxyServer server = ToxiproxyLauncher.launch(Optional.empty());
        LAUNCHED.add(server);
        return new SharedToxiproxy(server);
    }

    /** Every server launched in this JVM, in order: what the extension's own tests check (one, stopped at the end). */
    static final List<ToxiproxyServer> LAUNCHED = new CopyOnWriteArrayList<>();

    /** Plays {@code run} with the server, when no other run is on it. */
    <T> T exclusively(ToxiproxyRun<T> run) throws Exception {
        turn.lockInterruptibly();
        try {
            return run.with(server);
        } finally {
            turn.unlock();
        }
    }

    /** What is played on the server. */
    @FunctionalInterface
    interface ToxiproxyRun<T> {
        T with(ToxiproxyServer server) throws Exception;
    }

    @Override
    public void close() {
        server.close();
    }
}
