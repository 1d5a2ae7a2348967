package dev.livetalk.client;

import dev.livetalk.client.strategy.ResumeRequest;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.protocol.Hello;
import dev.livetalk.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ClientSession} behaves. Immutable; build with {@link #builder(String, String)}.
 *
 * @param user              the user id
 * @param token             the hello token ({@code UserToken.of(secret, user)})
 * @param rooms             the rooms to join, at least one
 * @param strategy          the name of the reconciliation strategy
 * @param strategySettings  the strategy's tunables
 * @param ackTimeout        how long a send waits for its ack before the strategy is told
 * @param heartbeatInterval how often to ping on every connected link
 * @param deadLinkTimeout   silence (no frame at all) after which a link is declared dead
 * @param reconnectBase     first backoff ceiling
 * @param reconnectCap      largest backoff ceiling
 * @param deliveredDelay    how long to batch delivered markers (zero: send at once)
 * @param split             two connections, one sending and one receiving, instead of one
 * @param seed              seed of the session's random source (backoff jitter, client ids)
 * @param transcriptLimit   the most lines each room's transcript keeps, older committed lines
 *                          scrolling away (see {@code Transcript}), or {@code Transcript.NO_LIMIT}
 */
public record SessionConfig(String user, String token, List<String> rooms, String strategy,
                            StrategySettings strategySettings, Duration ackTimeout,
                            Duration heartbeatInterval, Duration deadLinkTimeout, Duration reconnectBase,
                            Duration reconnectCap, Duration deliveredDelay, boolean split, long seed,
                            int transcriptLimit) {
    public SessionConfig {
        require(user != null && !user.isEmpty(), "user must not be empty: " + user);
        require(token != null && !token.isEmpty(), "token must not be empty");
        rooms = List.copyOf(rooms);
        require(!rooms.isEmpty(), "rooms must name at least one room: " + rooms);
        require(rooms.stream().distinct().count() == rooms.size(), "rooms must not repeat: " + rooms);
        require(strategy != null && !strategy.isEmpty(), "strategy must be named: " + strategy);
        require(strategySettings != null, "strategySettings is required");
        positive("ackTimeout", ackTimeout);
        positive("heartbeatInterval", heartbeatInterval);
        positive("deadLinkTimeout", deadLinkTimeout);
        require(deadLinkTimeout.compareTo(heartbeatInterval) > 0,
                "deadLinkTimeout must be > heartbeatInterval (" + heartbeatInterval + "): " + deadLinkTimeout);
        positive("reconnectBase", reconnectBase);
        require(reconnectCap != null && reconnectCap.compareTo(reconnectBase) >= 0,
                "reconnectCap must be >= reconnectBase (" + reconnectBase + "): " + reconnectCap);
        require(deliveredDelay != null && !deliveredDelay.isNegative(),
                "deliveredDelay must be >= 0: " + deliveredDelay);
        require(transcriptLimit >= 0, "transcriptLimit must be >= 1 (lines per room), or 0 for no limit: "
                + transcriptLimit);
    }

    /**
     * The hello for a connection: user, token, current version and, when {@code resume} has an
     * epoch and positions for configured rooms, those positions.
     */
    public Hello hello(ResumeRequest resume) {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String room : rooms) {
            Long seq = resume.positions().get(room);
            if (seq != null) {
                positions.put(room, seq);
            }
        }
        if (positions.isEmpty() || resume.epoch() == null) {
            return new Hello(user, token, ProtocolVersion.CURRENT);
        }
        return new Hello(user, token, ProtocolVersion.CURRENT, resume.epoch(), positions);
    }

    private static void positive(String name, Duration value) {
        require(value != null && value.compareTo(Duration.ZERO) > 0, name + " must be > 0: " + value);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with the defaults: see {@link Builder}. */
    public static Builder builder(String user, String token) {
        return new Builder(user, token);
    }

    /**
     * Builds a {@link SessionConfig}. Defaults: room {@code general}, strategy
     * {@code reconcile}, ack timeout 2 s, heartbeat 1 s, dead link 3 s, backoff 100 ms capped
     * at 5 s, delivered markers batched 50 ms, one connection, seed 1, no transcript limit.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String user;
        private final String token;
        private List<String> rooms = List.of("general");
        private String strategy = "reconcile";
        private StrategySettings strategySettings = StrategySettings.defaults();
        private Duration ackTimeout = Duration.ofSeconds(2);
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration deadLinkTimeout = Duration.ofSeconds(3);
        private Duration reconnectBase = Duration.ofMillis(100);
        private Duration reconnectCap = Duration.ofSeconds(5);
        private Duration deliveredDelay = Duration.ofMillis(50);
        private boolean split;
        private long seed = 1;
        private int transcriptLimit = Transcript.NO_LIMIT;

        private Builder(String user, String token) {
            this.user = user;
            this.token = token;
        }

        public Builder rooms(String... names) {
            this.rooms = List.of(names);
            return this;
        }

        public Builder strategy(String name) {
            this.strategy = name;
            return this;
        }

        public Builder strategySettings(StrategySettings settings) {
            this.strategySettings = settings;
            return this;
        }

        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = timeout;
            return this;
        }

        public Builder heartbeat(Duration interval, Duration deadLink) {
            this.heartbeatInterval = interval;
            this.deadLinkTimeout = deadLink;
            return this;
        }

        public Builder reconnectBackoff(Duration base, Duration cap) {
            this.reconnectBase = base;
            this.reconnectCap = cap;
            return this;
        }

        public Builder deliveredDelay(Duration delay) {
            this.deliveredDelay = delay;
            return this;
        }

        public Builder split(boolean twoConnections) {
            this.split = twoConnections;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The most lines each room's transcript keeps ({@link Transcript#NO_LIMIT}: every line). */
        public Builder transcriptLimit(int lines) {
            this.transcriptLimit = lines;
            return this;
        }

        public SessionConfig build() {
            return new SessionConfig(user, token, rooms, strategy, strategySettings, ackTimeout,
                    heartbeatInterval, deadLinkTimeout, reconnectBase, reconnectCap, deliveredDelay, split, seed,
                    transcriptLimit);
        }
    }
}
