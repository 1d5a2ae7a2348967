package dev.livetalk.network.toxiproxy;

import java.util.Optional;

/**
 * Run in a separate JVM by {@link ToxiproxyCleanupIT}: launches Toxiproxy, prints
 * {@code toxiproxy-pid <pid>} and waits until it is terminated.
 */
final class ToxiproxyChildMain {
    static final String READY = "toxiproxy-pid ";

    private ToxiproxyChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ToxiproxyServer server = ToxiproxyLauncher.launch(Optional.empty());
        long pid = server.process()
                .orElseThrow(() -> new IllegalStateException("expected a child server: " + server.describe()))
                .pid();
        System.out.println(READY + pid);
        System.out.flush();
        // blocks until the test terminates the JVM; only the shutdown hook may stop Toxiproxy (no close() here:
        // Process.destroy() also closes this JVM's stdin, so waiting on stdin would let main() do the hook's job)
        Thread.currentThread().join();
    }
}
