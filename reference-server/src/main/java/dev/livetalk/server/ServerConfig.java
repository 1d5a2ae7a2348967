package dev.livetalk.server;

import dev.livetalk.protocol.CodecLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the reference server can be told. Immutable and safe to share between threads
 * (the {@link Builder} is not); build one with {@link #builder(String)}, whose defaults suit a
 * chat benchmark. The compact constructor rejects bad values naming the value and the rule.
 *
 * @param port               TCP port, 0 for a free one
 * @param secret             the HMAC key of user tokens (see {@code UserToken}); required
 * @param epoch              the history epoch to announce, or {@code null} for a fresh random one per start
 * @param historyLimit       messages kept per room; older ones are dropped (firstSeq moves up)
 * @param dedupeWindow       client message ids remembered per user for idempotent resends
 * @param ratePerSecond      events per second a user may send on average, over all its connections
 * @param rateBurst          events a user may send at once (token bucket size)
 * @param idleTimeout        a connection silent this long is closed
 * @param maxFrameBytes      longest frame accepted, UTF-8 bytes
 * @param maxBodyChars       longest message body accepted, characters
 * @param maxHistoryReply    most messages in one history reply
 * @param maxReplyBytes      a history reply stops adding messages beyond about this many bytes (at least
 *                           one message), so it fits a client's frame buffer (Tyrus: 4 MiB by default)
 * @param abuseThreshold     rejected frames of one user (all its connections) within {@code abuseWindow} that close
 *                           the connection of the last one
 * @param abuseWindow        the window of {@code abuseThreshold}
 * @param outboundQueueLimit events queued for one connection before it counts as a slow consumer and is closed;
 *                           keep it above {@code historyLimit}, since a resume replay is queued at once
 * @param privateRooms       room to the users allowed in it; other rooms are public
 * @param commitListener     told about every committed message
 * @param debugLogging       keep Tyrus and Grizzly logging on (off by default: it is noisy)
 * @param dataDir            the folder of the durable history, or {@code null} for a server whose history lives
 *                           in memory only (lost, with a new epoch, when it restarts)
 * @param helloTimeout       a connection that has not said a good hello this long after it opened is closed
 * @param maxConnections     open connections at most, with or without a hello; one more is closed at once
 * @param maxConnectionsPerUser open connections of one user at most, checked at its hello
 * @param maxRooms           rooms at most; a join that would create one more is refused
 * @param maxHistoryBytes    estimated bytes of every room's retained messages together at most; beyond it the
 *                           oldest retained messages of any room are dropped (firstSeq moves up)
 * @param inboundBytesPerSecond bytes of frames per second a user may send on average, charged before decoding
 * @param inboundBytesBurst  bytes of frames a user may send at once; at least {@code maxFrameBytes}
 * @param maxResumeReplay    most messages one hello's resume replays, over all its rooms; a room whose replay
 *                           would go beyond it is answered {@code history-truncated} (the client pages through
 *                           {@code history})
 * @param maxResumeReplayBytes most estimated bytes one hello's resume replays, likewise
 * @param outboundQueueBytes encoded UTF-8 bytes queued for one connection before it counts as a slow consumer and
 *                           is closed; at least {@code maxReplyBytes}, so one history reply fits. A resume replay is
 *                           queued as references to the retained messages and counts from when its drainer
 *                           encodes each message until it is sent
 * @param upgradeTimeout     a TCP connection that has not finished its WebSocket upgrade this long after it was
 *                           accepted is closed
 */
public record ServerConfig(int port, String secret, String epoch, int historyLimit, int dedupeWindow,
                           double ratePerSecond, int rateBurst, Duration idleTimeout, int maxFrameBytes,
                           int maxBodyChars, int maxHistoryReply, int maxReplyBytes, int abuseThreshold, Duration abuseWindow,
                           int outboundQueueLimit, Map<String, Set<String>> privateRooms,
                           CommitListener commitListener, boolean debugLogging, Path dataDir,
                           Duration helloTimeout, int maxConnections, int maxConnectionsPerUser, int maxRooms,
                           long maxHistoryBytes, double inboundBytesPerSecond, int inboundBytesBurst,
                           int maxResumeReplay, int maxResumeReplayBytes,
                           long outboundQueueBytes, Duration upgradeTimeout) {
    /** The largest frame limit: Tyrus must buffer a few frames beyond it. */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 for a free port): " + port);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty: " + (secret == null ? "null" : "\"\""));
        }
        if (epoch != null && (epoch.isEmpty() || epoch.length() > 64)) {
            throw new IllegalArgumentException("epoch must be 1-64 characters long: " + epoch.length());
        }
        atLeast("historyLimit", historyLimit, 1);
        atLeast("dedupeWindow", dedupeWindow, 1);
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0 events/s: " + ratePerSecond);
        }
        atLeast("rateBurst", rateBurst, 1);
        positive("idleTimeout", idleTimeout);
        if (maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be <= " + MAX_FRAME_BYTES + " bytes: " + maxFrameBytes);
        }
        new CodecLimits(maxFrameBytes, maxBodyChars); // validates both with value and rule
        atLeast("maxHistoryReply", maxHistoryReply, 1);
        atLeast("maxReplyBytes", maxReplyBytes, 1024);
        atLeast("abuseThreshold", abuseThreshold, 1);
        positive("abuseWindow", abuseWindow);
        atLeast("outboundQueueLimit", outboundQueueLimit, 1);
        positive("helloTimeout", helloTimeout);
        atLeast("maxConnections", maxConnections, 1);
        atLeast("maxConnectionsPerUser", maxConnectionsPerUser, 1);
        atLeast("maxRooms", maxRooms, 1);
        if (maxHistoryBytes < 65_536) {
            throw new IllegalArgumentException("maxHistoryBytes must be >= 65536 bytes: " + maxHistoryBytes);
        }
        if (!(inboundBytesPerSecond > 0) || Double.isInfinite(inboundBytesPerSecond)) {
            throw new IllegalArgumentException("inboundBytesPerSecond must be > 0 bytes/s: " + inboundBytesPerSecond);
        }
        if (inboundBytesBurst < maxFrameBytes) {
            throw new IllegalArgumentException("inboundBytesBurst must be >= maxFrameBytes (" + maxFrameBytes
                    + "), or the largest frames never pass: " + inboundBytesBurst);
        }
        atLeast("maxResumeReplay", maxResumeReplay, 1);
        atLeast("maxResumeReplayBytes", maxResumeReplayBytes, 1024);
        if (outboundQueueBytes < maxReplyBytes) {
            throw new IllegalArgumentException("outboundQueueBytes must be >= maxReplyBytes (" + maxReplyBytes
                    + " bytes: one history reply must fit): " + outboundQueueBytes);
        }
        positive("upgradeTimeout", upgradeTimeout);
        privateRooms = copyRooms(privateRooms);
        commitListener = Objects.requireNonNullElse(commitListener, CommitListener.NONE);
    }

    /** A builder with the defaults, for a server keyed with {@code secret}. */
    public static Builder builder(String secret) {
        return new Builder(secret);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The codec limits the server decodes with. */
    public CodecLimits codecLimits() {
        return new CodecLimits(maxFrameBytes, maxBodyChars);
    }

    /** Whether {@code room} is private. */
    public boolean isPrivate(String room) {
        return privateRooms.containsKey(room);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static Map<String, Set<String>> copyRooms(Map<String, Set<String>> rooms) {
        if (rooms == null) {
            return Map.of();
        }
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        rooms.forEach((room, users) -> copy.put(
                Objects.requireNonNull(room, "privateRooms room must not be null"),
                Set.copyOf(Objects.requireNonNull(users, "privateRooms." + room + " must not be null"))));
        return Map.copyOf(copy);
    }

    /** Builds a {@link ServerConfig}; not thread-safe. Defaults are listed on each setter. */
    public static final class Builder {
        private int port;
        private String secret;
        private String epoch;
        private int historyLimit = 10_000;
        private int dedupeWindow = 10_000;
        private double ratePerSecond = 100;
        private int rateBurst = 200;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxFrameBytes = CodecLimits.DEFAULT.maxFrameBytes();
        private int maxBodyChars = CodecLimits.DEFAULT.maxBodyChars();
        private int maxHistoryReply = 1000;
        private int maxReplyBytes = 1024 * 1024;
        private int abuseThreshold = 50;
        private Duration abuseWindow = Duration.ofSeconds(10);
        private int outboundQueueLimit = 65_536;
        private Map<String, Set<String>> privateRooms = Map.of();
        private CommitListener commitListener = CommitListener.NONE;
        private boolean debugLogging;
        private Path dataDir;
        private Duration helloTimeout = Duration.ofSeconds(10);
        private int maxConnections = 10_000;
        private int maxConnectionsPerUser = 16;
        private int maxRooms = 10_000;
        private long maxHistoryBytes = 64L * 1024 * 1024;
        private double inboundBytesPerSecond = 1024 * 1024;
        private int inboundBytesBurst = 4 * 1024 * 1024;
        private int maxResumeReplay = 1000;
        private int maxResumeReplayBytes = 1024 * 1024;
        private long outboundQueueBytes = 8L * 1024 * 1024;
        private Duration upgradeTimeout = Duration.ofSeconds(5);

        private Builder(String secret) {
            this.secret = secret;
        }

        private Builder(ServerConfig c) {
            port = c.port;
            secret = c.secret;
            epoch = c.epoch;
            historyLimit = c.historyLimit;
            dedupeWindow = c.dedupeWindow;
            ratePerSecond = c.ratePerSecond;
            rateBurst = c.rateBurst;
            idleTimeout = c.idleTimeout;
            maxFrameBytes = c.maxFrameBytes;
            maxBodyChars = c.maxBodyChars;
            maxHistoryReply = c.maxHistoryReply;
            maxReplyBytes = c.maxReplyBytes;
            abuseThreshold = c.abuseThreshold;
            abuseWindow = c.abuseWindow;
            outboundQueueLimit = c.outboundQueueLimit;
            privateRooms = c.privateRooms;
            commitListener = c.commitListener;
            debugLogging = c.debugLogging;
            dataDir = c.dataDir;
            helloTimeout = c.helloTimeout;
            maxConnections = c.maxConnections;
            maxConnectionsPerUser = c.maxConnectionsPerUser;
            maxRooms = c.maxRooms;
            maxHistoryBytes = c.maxHistoryBytes;
            inboundBytesPerSecond = c.inboundBytesPerSecond;
            inboundBytesBurst = c.inboundBytesBurst;
            maxResumeReplay = c.maxResumeReplay;
            maxResumeReplayBytes = c.maxResumeReplayBytes;
            outboundQueueBytes = c.outboundQueueBytes;
            upgradeTimeout = c.upgradeTimeout;
        }

        /** Default 0: a free port. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder secret(String value) {
            secret = value;
            return this;
        }

        /** Default {@code null}: a fresh random epoch per start. */
        public Builder epoch(String value) {
            epoch = value;
            return this;
        }

        /** Default 10,000 messages per room. */
        public Builder historyLimit(int value) {
            historyLimit = value;
            return this;
        }

        /** Default 10,000 client message ids per user. */
        public Builder dedupeWindow(int value) {
            dedupeWindow = value;
            return this;
        }

        /** Default 100 events/s with bursts of 200, per user. */
        public Builder rateLimit(double perSecond, int burst) {
            ratePerSecond = perSecond;
            rateBurst = burst;
            return this;
        }

        /** Default 30 s. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Default 64 KiB. */
        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        /** Default 4,096 characters. */
        public Builder maxBodyChars(int value) {
            maxBodyChars = value;
            return this;
        }

        /** Default 1,000 messages. */
        public Builder maxHistoryReply(int value) {
            maxHistoryReply = value;
            return this;
        }

        /** Default 1 MiB. */
        public Builder maxReplyBytes(int value) {
            maxReplyBytes = value;
            return this;
        }

        /** Default 50 rejected frames within 10 s. */
        public Builder abuse(int threshold, Duration window) {
            abuseThreshold = threshold;
            abuseWindow = window;
            return this;
        }

        /** Default 65,536 events. */
        public Builder outboundQueueLimit(int value) {
            outboundQueueLimit = value;
            return this;
        }

        /** Adds a private room that only {@code users} may join. */
        public Builder privateRoom(String room, Set<String> users) {
            Map<String, Set<String>> copy = new LinkedHashMap<>(privateRooms);
            copy.put(room, users);
            privateRooms = copy;
            return this;
        }

        /** Default: none. */
        public Builder commitListener(CommitListener value) {
            commitListener = value;
            return this;
        }

        /** Default false. */
        public Builder debugLogging(boolean value) {
            debugLogging = value;
            return this;
        }

        /** Default {@code null}: history in memory only. */
        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** Default 10 s. */
        public Builder helloTimeout(Duration value) {
            helloTimeout = value;
            return this;
        }

        /** Default 10,000 connections in total. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Default 16 connections per user. */
        public Builder maxConnectionsPerUser(int value) {
            maxConnectionsPerUser = value;
            return this;
        }

        /** Default 10,000 rooms. */
        public Builder maxRooms(int value) {
            maxRooms = value;
            return this;
        }

        /** Default 64 MiB of estimated message bytes over all rooms. */
        public Builder maxHistoryBytes(long value) {
            maxHistoryBytes = value;
            return this;
        }

        /** Default 1 MiB/s per user with bursts of 4 MiB. */
        public Builder inboundBytesLimit(double perSecond, int burst) {
            inboundBytesPerSecond = perSecond;
            inboundBytesBurst = burst;
            return this;
        }

        /** Default 1,000 messages and 1 MiB per hello. */
        public Builder maxResumeReplay(int messages, int bytes) {
            maxResumeReplay = messages;
            maxResumeReplayBytes = bytes;
            return this;
        }

        /** Default 8 MiB of encoded frames per connection. */
        public Builder outboundQueueBytes(long value) {
            outboundQueueBytes = value;
            return this;
        }

        /** Default 5 s from accept to a finished WebSocket upgrade. */
        public Builder upgradeTimeout(Duration value) {
            upgradeTimeout = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(port, secret, epoch, historyLimit, dedupeWindow, ratePerSecond, rateBurst,
                    idleTimeout, maxFrameBytes, maxBodyChars, maxHistoryReply, maxReplyBytes, abuseThreshold, abuseWindow,
                    outboundQueueLimit, privateRooms, commitListener, debugLogging, dataDir,
                    helloTimeout, maxConnections, maxConnectionsPerUser, maxRooms, maxHistoryBytes,
                    inboundBytesPerSecond, inboundBytesBurst, maxResumeReplay, maxResumeReplayBytes,
                    outboundQueueBytes, upgradeTimeout);
        }
    }
}
