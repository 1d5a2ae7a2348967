package dev.livetalk.network;

import dev.livetalk.server.ReferenceServer;

/**
 * The reference server of one strategy's run on the real network: in this JVM when the plan
 * has no server fault, else a process of its own that the faults kill, stop and slow.
 *
 * <p>Owned by the stage's thread; see each server for its own threads.
 */
sealed interface StageServer extends AutoCloseable {
    /** The loopback port the proxies forward to. */
    int port();

    /** The process to play server faults on, or {@code null} for a server in this JVM. */
    ServerProcess process();

    /** A line about what the run waited for ({@link ServerProcess#summary()}), or {@code null}. */
    default String summary() {
        ServerProcess process = process();
        return process == null ? null : process.summary();
    }

    @Override
    void close();

    /** The server in this JVM, as every plan without server faults runs it. */
    record InProcess(ReferenceServer server) implements StageServer {
        @Override
        public int port() {
            return server.port();
        }

        @Override
        public ServerProcess process() {
            return null;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The server as its own process. */
    record OwnProcess(ServerProcess process) implements StageServer {
        @Override
        public int port() {
            return process.port();
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
