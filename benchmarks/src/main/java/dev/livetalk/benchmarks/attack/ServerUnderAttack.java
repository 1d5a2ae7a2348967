package dev.livetalk.benchmarks.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The handle on one {@link AttackServerProcess}: started with the same JVM and class path as
 * this one, a 1 GiB heap and {@code -XX:+ExitOnOutOfMemoryError}. Used by the benchmark's main
 * thread only.
 */
final class ServerUnderAttack implements AutoCloseable {
    static final String MAX_HEAP = "-Xmx1g";

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int port;
    private final String epoch;

    private ServerUnderAttack(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] listening = expect("listening").split(" ");
        this.port = Integer.parseInt(listening[1]);
        this.epoch = listening[2];
    }

    static ServerUnderAttack start(double rate, int burst) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, MAX_HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), AttackServerProcess.class.getName(),
                Double.toString(rate), Integer.toString(burst)));
        return new ServerUnderAttack(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/livetalk/chat");
    }

    int port() {
        return port;
    }

    String epoch() {
        return epoch;
    }

    /** The server's heap in use after a full collection, in bytes. */
    long liveHeapBytes() throws IOException {
        in.println("heap");
        return Long.parseLong(expect("heap").split(" ")[1]);
    }

    private String expect(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix + " ")) {
                return line;
            }
        }
        throw new IOException("the server process ended before saying " + prefix + " (exit "
                + (process.isAlive() ? "still running" : process.exitValue()) + ")");
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
