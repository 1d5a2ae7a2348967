package dev.livetalk.server;

import dev.livetalk.protocol.Ack;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.Join;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.ProtocolVersion;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.protocol.Welcome;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a standby ({@link ServerMain} {@code --standby}) does before it is told to go, so that the
 * start after {@code go} finds its classes loaded and its paths run once: a throwaway server of
 * the same configuration on a free loopback port (never the real one), with a history in memory
 * or, when the real server keeps a durable one, in a scratch folder of its own (never the real
 * history, which the old server may still hold); one WebSocket client says hello, joins a room
 * and sends a message through it, so the upgrade, the codec and the commit path (SQLite's native
 * library and its writes) run; with a durable history a second server recovers that message from
 * the scratch folder. Nothing of it reaches stdout: the throwaway servers' listener is
 * {@link CommitListener#NONE}. The scratch folder is deleted after; it is made inside the folder the parent
 * gave ({@code --warm-up}), when one was, so that the parent deletes it also when it kills the standby first.
 *
 * <p>A warm-up that fails is no failure of the standby: the start after {@code go} is only slower,
 * so the failure is written to stderr and the standby waits all the same.
 *
 * <p>Threads: the caller's; the throwaway servers and the JDK's WebSocket client run their own,
 * all stopped before it returns.
 */
final class StandbyWarmUp {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String USER = "standby";
    private static final String ROOM = "warm-up";
    static final String SCRATCH = "livetalk-standby-warm-up-";

    private StandbyWarmUp() {
    }

    /**
     * Warms up for a server of {@code config}, its scratch history (with a durable one) in {@code parent} (or the
     * temporary folder when {@code null}); a failure is written to {@code err}, never thrown.
     */
    static void run(ServerConfig config, Path parent, PrintStream err) {
        Path scratch = null;
        try {
            scratch = config.dataDir() == null ? null : parent == null ? Files.createTempDirectory(SCRATCH)
                    : Files.createTempDirectory(Files.createDirectories(parent), SCRATCH);
            ServerConfig warm = config.toBuilder().port(0).dataDir(scratch).epoch(null)
                    .commitListener(CommitListener.NONE).build();
            int rounds = scratch == null ? 1 : 2; // the second recovers what the first committed
            for (int round = 1; round <= rounds; round++) {
                try (ReferenceServer server = ReferenceServer.start(warm)) {
                    converse(server, round);
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("ServerMain: the standby's warm-up failed (its start after go is slower): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ServerMain: the standby's warm-up was interrupted");
        } finally {
            delete(scratch, err);
        }
    }

    /** Hello, join, one send and its ack, then close: the paths every client's reconnect takes. */
    private static void converse(ReferenceServer server, int round) throws IOException, InterruptedException {
        EventCodec codec = new EventCodec();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(DEADLINE)
                    .buildAsync(server.uri(), new Frames(frames)).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            try {
                send(socket, codec.encode(new Hello(USER, UserToken.of(server.config().secret(), USER),
                        ProtocolVersion.CURRENT)));
                await(frames, codec, Welcome.class);
                send(socket, codec.encode(new Join(ROOM)));
                await(frames, codec, Joined.class);
                send(socket, codec.encode(new Send(ROOM, "warm-up-" + round, "warm-up", null)));
                await(frames, codec, Ack.class);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                socket.abort();
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the warm-up client failed: " + e, e);
        }
    }

    private static void send(WebSocket socket, String text) throws IOException, InterruptedException {
        try {
            socket.sendText(text, true).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the warm-up client could not send " + text + ": " + e, e);
        }
    }

    /** Waits for an event of type {@code wanted}, skipping others; fails on an error or after {@link #DEADLINE}. */
    private static void await(BlockingQueue<String> frames, EventCodec codec, Class<? extends ServerEvent> wanted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new IOException("the warm-up server sent no " + wanted.getSimpleName() + " within " + DEADLINE);
            }
            if (codec.decodeServer(frame) instanceof Decoded.Ok<ServerEvent>(ServerEvent event)) {
                if (wanted.isInstance(event)) {
                    return;
                }
                if (event instanceof ErrorEvent) {
                    throw new IOException("the warm-up server answered with an error: " + frame);
                }
            }
        }
    }

    private static void delete(Path folder, PrintStream err) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("ServerMain: cannot delete the standby's warm-up folder " + folder + ": " + e);
        }
    }

    /** Puts each whole text frame on the queue. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<String> frames;
        private final StringBuilder partial = new StringBuilder();

        Frames(BlockingQueue<String> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
