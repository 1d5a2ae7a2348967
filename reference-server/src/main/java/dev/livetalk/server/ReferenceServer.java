package dev.livetalk.server;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.ErrorCode;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ServerEvent;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference chat server: a {@link ServerCore} behind a Tyrus (Grizzly) WebSocket
 * endpoint at {@code ws://127.0.0.1:PORT/livetalk/chat}, bound to loopback only.
 *
 * <p>Threads: Grizzly worker threads decode frames (outside the lock) and call the core
 * under {@link #lock}; the ticker thread {@code livetalk-server-ticker} calls
 * {@link ServerCore#onTick} under the same lock; outputs are encoded under the lock (each
 * distinct event once per call) and handed to each connection's {@link OutboundQueue},
 * whose own virtual thread sends them in order. The core and {@link #queues}' contents
 * change only under the lock.
 *
 * <p>What Tyrus does by itself, before our code sees a frame: a text frame with invalid
 * UTF-8 is answered with close 1007 "Illegal UTF-8 Sequence." (the standard API never sees
 * the bytes, so the core's INVALID_UTF8 path serves other shells); a single frame larger
 * than Tyrus's incoming buffer (four times the frame limit, at least 1 MiB, at most 16 MiB)
 * gets close 1011 "Buffer overflow."; a fragmented message beyond that size gets 1009.
 * Frames above the frame limit but within the buffer get our {@code frame-too-large} error
 * and the connection stays open.
 *
 * <p>Durable history: with {@code config.dataDir()} set, the server keeps its epoch and every
 * committed message in a {@link SqliteHistoryStore} there, recovers from it at start, and
 * routes the outputs of every core call through a {@link CommitPipeline}: an ack, a broadcast,
 * and everything queued for a connection after them go out only once the messages they carry
 * are synced to disk (group commit), and the {@link CommitListener} hears of a message at
 * that moment. Without a data folder the outputs go straight to the queues, except while
 * {@link #slowCommits(Duration)} holds commits back.
 */
public final class ReferenceServer implements AutoCloseable {
    /** The path of the chat endpoint under the root. */
    public static final String PATH = "/livetalk/chat";
    private static final System.Logger LOG = System.getLogger(ReferenceServer.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final int MAX_INCOMING_BUFFER = 16 * 1024 * 1024;
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(2);
    private static final CloseReason HISTORY_FAILED =
            new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "durable history failed");

    private final ServerConfig config;
    private final EventCodec codec;
    private final ServerCore core;
    private final ReentrantLock lock = new ReentrantLock();
    private final CommitListener listener;
    private final List<Message> callCommits = new ArrayList<>();
    private final CommitPipeline pipeline;
    private final Map<ConnectionId, OutboundQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong nextConnection = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private LoopbackServerContainer container;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Set (under the lock) once the durable history failed: every connection is refused from then on. */
    private boolean historyFailed;
    private volatile int port;

    private ReferenceServer(ServerConfig config, ServerHistory history, HistoryStore store) {
        this.config = config;
        this.codec = new EventCodec(config.codecLimits());
        this.listener = config.commitListener();
        long wallClockOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        // The core tells this server of each commit (during the call, under the lock); the
        // configured listener hears of it once the commit is durable; of a request, at once.
        CommitListener configured = this.listener;
        ServerConfig coreConfig = config.toBuilder().commitListener(new CommitListener() {
            @Override
            public void onCommit(Message message) {
                callCommits.add(message);
            }

            @Override
            public void onRequest(String type) {
                configured.onRequest(type);
            }
        }).build();
        this.core = new ServerCore(coreConfig, history, wallClockOffsetMillis);
        this.pipeline = new CommitPipeline(lock, store, new Release());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "livetalk-server-ticker"));
    }

    /**
     * Starts a server on loopback. With {@code config.dataDir()} set, it takes up the durable
     * history there (created on the first start, with {@code config.epoch()} or a fresh
     * epoch; its stored epoch after). Otherwise it starts empty, its epoch
     * {@code config.epoch()} or, when that is null, a fresh random one.
     *
     * @throws HistoryStoreException when the durable history cannot be opened or read (the
     *                               message names the file and what is wrong)
     * @throws IOException           when the port cannot be bound or Tyrus refuses the endpoint
     */
    public static ReferenceServer start(ServerConfig config) throws IOException {
        ReferenceServer server = open(config);
        try {
            server.listen();
        } catch (IOException | RuntimeException e) {
            server.close(); // closes the history too
            throw e;
        }
        return server;
    }

    /** Starts a server over {@code store} ({@code null}: in memory); tests hand in their own store. */
    static ReferenceServer start(ServerConfig config, HistoryStore store) throws IOException {
        ReferenceServer server = open(config, store);
        server.listen();
        return server;
    }

    /**
     * A server that has taken up its history (opened and recovered, or a fresh epoch in memory,
     * as {@link #start(ServerConfig)} does) but does not listen yet: {@link #listen()} binds it,
     * {@link #close()} closes it either way. For a standby, which recovers while the restart's
     * window lasts and binds at its end ({@link ServerMain}).
     *
     * @throws HistoryStoreException as {@link #start(ServerConfig)}
     */
    static ReferenceServer open(ServerConfig config) throws IOException {
        if (config.dataDir() == null) {
            return open(config, null);
        }
        HistoryStore store = SqliteHistoryStore.open(config.dataDir(), config.epoch(), ReferenceServer::freshEpoch);
        try {
            return open(config, store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static ReferenceServer open(ServerConfig config, HistoryStore store) throws IOException {
        TyrusLogging.configure(config.debugLogging());
        // the recovered tail covers the dedupe window too: a resend of an older message gets its original ack
        // (the room's log keeps only historyLimit of it)
        ServerHistory history = store != null ? store.recover(Math.max(config.historyLimit(), config.dedupeWindow()))
                : ServerHistory.empty(config.epoch() != null ? config.epoch() : freshEpoch());
        return new ReferenceServer(config, history, store);
    }

    /**
     * Binds the port of a server from {@link #open(ServerConfig)} and tells the listener of its start.
     *
     * @throws IOException when the port cannot be bound or Tyrus refuses the endpoint
     */
    void listen() throws IOException {
        bind();
        listener.onStart(epoch());
    }

    /**
     * From now on each committed message takes {@code extra} more before it is acknowledged,
     * one after another (a slow disk: a group of n waits n times {@code extra}, before it is
     * written); {@link Duration#ZERO} lifts it. Works for a server in memory too.
     *
     * @throws IllegalArgumentException when {@code extra} is negative
     */
    public void slowCommits(Duration extra) {
        lock.lock();
        try {
            pipeline.slowCommits(extra);
        } finally {
            lock.unlock();
        }
    }

    /** The URL clients connect to: {@code ws://127.0.0.1:PORT/livetalk/chat}. */
    public URI uri() {
        return URI.create("ws://" + HOST + ":" + port + PATH);
    }

    public int port() {
        return port;
    }

    /** The history epoch this server announces in every welcome. */
    public String epoch() {
        return core.epoch();
    }

    public ServerConfig config() {
        return config;
    }

    /** The messages {@code room} still retains, in seq order (bounded by the history limit). */
    public List<Message> history(String room) {
        lock.lock();
        try {
            return core.history(room);
        } finally {
            lock.unlock();
        }
    }

    /** The epoch and every room's retained messages, as a restart on a durable history would take them up. */
    public ServerHistory retained() {
        lock.lock();
        try {
            return core.durableHistory();
        } finally {
            lock.unlock();
        }
    }

    /** Open connections. */
    public int connectionCount() {
        lock.lock();
        try {
            return core.connectionCount();
        } finally {
            lock.unlock();
        }
    }

    /** Says going-away to every connection, waits briefly for the queues to drain, stops Tyrus. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdownNow();
        try {
            pipeline.close();
        } catch (HistoryStoreException e) {
            LOG.log(Level.ERROR, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<OutboundQueue> draining;
        lock.lock();
        try {
            draining = new ArrayList<>(queues.values());
            draining.forEach(queue -> queue.offerClose(new CloseReason(CloseCodes.GOING_AWAY, "server shutting down")));
        } finally {
            lock.unlock();
        }
        awaitDrained(draining);
        if (port > 0) {
            container.stop(); // a bind that failed stopped it; a server never bound has none
        }
    }

    boolean stopping() {
        return stopping.get();
    }

    ConnectionId onOpen(Session session) {
        ConnectionId id = new ConnectionId(nextConnection.incrementAndGet());
        lock.lock();
        try {
            OutboundQueue queue = new OutboundQueue(id, session, codec, config.outboundQueueLimit(),
                    config.outboundQueueBytes());
            if (historyFailed) {
                queue.abort(HISTORY_FAILED);
                return id;
            }
            queues.put(id, queue);
            route(core.onOpen(id, System.nanoTime()));
        } finally {
            lock.unlock();
        }
        return id;
    }

    void onText(ConnectionId id, String text) {
        lock.lock();
        try {
            Admission admission = core.admit(id, text.length(), System.nanoTime());
            route(admission.outputs()); // behind any commit queued before, like every output (order per connection)
            if (!admission.decode()) {
                return;   // charged before decoding: a frame beyond the user's limits is never parsed
            }
        } finally {
            lock.unlock();
        }
        Decoded<ClientEvent> decoded = codec.decodeClient(text);
        lock.lock();
        try {
            route(core.onFrame(id, decoded, System.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    void onBinary(ConnectionId id, int bytes) {
        lock.lock();
        try {
            route(core.onBinaryFrame(id, bytes, System.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    void onClosed(ConnectionId id) {
        lock.lock();
        try {
            OutboundQueue queue = queues.remove(id);
            if (queue != null) {
                queue.stop();
            }
            route(core.onClose(id, System.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    private void onTick() {
        lock.lock();
        try {
            route(core.onTick(System.nanoTime()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "bug: the core failed on a tick", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a core call's outputs on their way: through the pipeline when they must wait for
     * a commit, else straight to the queues (telling the listener of their commits first).
     * Called under the lock, right after the call.
     */
    private void route(List<ServerOutput> outputs) {
        List<Message> commits = callCommits.isEmpty() ? List.of() : List.copyOf(callCommits);
        callCommits.clear();
        if (!pipeline.offer(commits, outputs)) {
            commits.forEach(m -> listener.onCommit(core.epoch(), m));
            dispatch(outputs);
        }
    }

    /**
     * Hands outputs to the queues, encoding each event sent to several connections once;
     * a message sent to one connection only (a resume replay's) goes by reference and its
     * drainer encodes it. Called under the lock.
     */
    private void dispatch(List<ServerOutput> outputs) {
        Map<ServerEvent, Integer> recipients = recipientCounts(outputs);
        Map<ServerEvent, EncodedFrame> encoded = new IdentityHashMap<>();
        List<ConnectionId> slow = new ArrayList<>();
        for (ServerOutput output : outputs) {
            OutboundQueue queue = queues.get(output.connection());
            if (queue == null) {
                continue;
            }
            switch (output) {
                case ServerOutput.Deliver deliver -> {
                    if (!offer(queue, deliver.event(), recipients, encoded)) {
                        dropSlowConsumer(output.connection(), queue);
                        slow.add(output.connection());
                    }
                }
                case ServerOutput.Close close -> {
                    queue.offerClose(closeReasonOf(close.reason()));
                    queues.remove(output.connection());
                }
            }
        }
        for (ConnectionId id : slow) {
            core.onClose(id, System.nanoTime());
        }
    }

    /** What the pipeline releases; called by its committer thread under the lock. */
    private final class Release implements CommitPipeline.Released {
        @Override
        public void onDurable(List<CommitPipeline.Call> calls) {
            for (CommitPipeline.Call call : calls) {
                call.commits().forEach(m -> listener.onCommit(core.epoch(), m));
                dispatch(call.outputs());
            }
        }

        @Override
        public void onFailed(HistoryStoreException e) {
            historyFailed = true;
            queues.values().forEach(queue -> queue.abort(HISTORY_FAILED));
            queues.clear();
        }
    }

    private boolean offer(OutboundQueue queue, ServerEvent event, Map<ServerEvent, Integer> recipients,
                          Map<ServerEvent, EncodedFrame> encoded) {
        if (event instanceof Message && recipients.get(event) == 1) {
            return queue.offerEvent(event);
        }
        EncodedFrame frame = encoded.computeIfAbsent(event, e -> EncodedFrame.of(codec.encode(e)));
        return queue.offerText(frame.text(), frame.utf8Bytes());
    }

    private static Map<ServerEvent, Integer> recipientCounts(List<ServerOutput> outputs) {
        Map<ServerEvent, Integer> counts = new IdentityHashMap<>();
        for (ServerOutput output : outputs) {
            if (output instanceof ServerOutput.Deliver deliver) {
                counts.merge(deliver.event(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private void dropSlowConsumer(ConnectionId id, OutboundQueue queue) {
        queue.abort(new CloseReason(CloseCodes.TRY_AGAIN_LATER, "slow consumer: more than "
                + config.outboundQueueLimit() + " events or " + config.outboundQueueBytes() + " bytes queued"));
        queues.remove(id);
    }

    /** One event encoded once, with its UTF-8 size. */
    private record EncodedFrame(String text, int utf8Bytes) {
        static EncodedFrame of(String text) {
            return new EncodedFrame(text, OutboundQueue.utf8Length(text));
        }
    }

    private static CloseReason closeReasonOf(ErrorCode reason) {
        CloseReason.CloseCode code = reason == ErrorCode.IDLE_TIMEOUT ? CloseCodes.NORMAL_CLOSURE
                : CloseCodes.VIOLATED_POLICY;
        return new CloseReason(code, reason.wireName());
    }

    private void bind() throws IOException {
        int incomingBuffer = (int) Math.min(MAX_INCOMING_BUFFER, Math.max(1 << 20, 4L * config.maxFrameBytes()));
        container = new LoopbackServerContainer(HOST, incomingBuffer, config.upgradeTimeout());
        ChatEndpoint endpoint = new ChatEndpoint(this, incomingBuffer);
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/chat")
                    .configurator(new SharedEndpoint(endpoint)).build());
            container.start("/livetalk", config.port());
        } catch (DeploymentException e) {
            container.stop();
            throw new IOException("Tyrus refused the chat endpoint: " + e.getMessage(), e);
        } catch (IOException e) {
            container.stop();
            throw new IOException("cannot listen on " + HOST + ":" + config.port() + ": " + e.getMessage(), e);
        }
        port = container.getPort();
        long period = Math.clamp(config.idleTimeout().toMillis() / 10, 10, 500);
        ticker.scheduleAtFixedRate(this::onTick, period, period, TimeUnit.MILLISECONDS);
    }

    private static void awaitDrained(List<OutboundQueue> draining) {
        long deadline = System.nanoTime() + DRAIN_ON_CLOSE.toNanos();
        try {
            for (OutboundQueue queue : draining) {
                long left = Math.max(0, deadline - System.nanoTime());
                queue.awaitDrained(Duration.ofNanos(left).plusMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String freshEpoch() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return "e" + HexFormat.of().formatHex(bytes);
    }

    /** Hands Tyrus the one shared endpoint instead of letting it construct one per session. */
    private static final class SharedEndpoint extends ServerEndpointConfig.Configurator {
        private final ChatEndpoint endpoint;

        SharedEndpoint(ChatEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
        }
    }
}
