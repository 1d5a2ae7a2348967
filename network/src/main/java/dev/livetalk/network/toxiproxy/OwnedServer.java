package dev.livetalk.network.toxiproxy;

/**
 * A Toxiproxy server the harness started and must stop: a child process
 * ({@link ToxiproxyProcess}) or a container ({@link ToxiproxyDocker}). Each registers a JVM
 * shutdown hook at start, so neither a normal exit nor Ctrl-C leaves it running; its proxies
 * go with it.
 *
 * <p>{@link #close()} may race with the shutdown hook; both are safe to call more than once.
 */
sealed interface OwnedServer extends AutoCloseable permits ToxiproxyProcess, ToxiproxyDocker {

    /** What runs, for logs: {@code child process 4242} or {@code container 3f2a1b9c0d1e}. */
    String describe();

    /** Stops the server and removes the shutdown hook. */
    @Override
    void close();

    /**
     * Removes {@code hook} after a {@link #close()} stopped the server; during JVM shutdown
     * that is refused, and the hook runs (or ran) the stop itself.
     */
    static void removeShutdownHook(Thread hook, System.Logger log, String what) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            log.log(System.Logger.Level.DEBUG, "shutdown in progress; the hook stops " + what);
        }
    }
}
