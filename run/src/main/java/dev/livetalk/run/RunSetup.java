package dev.livetalk.run;

import dev.livetalk.client.SessionConfig;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.protocol.UserToken;
import dev.livetalk.scenarios.ClientShape;
import dev.livetalk.scenarios.Room;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.server.ServerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every backend sets a run up with, so that a scenario means the same thing on
 * Toxiproxy and in the simulator: the server's limits, each client's session, who is in which
 * room. Stateless.
 */
public final class RunSetup {
    /** The secret of the run's server; tokens are made from it. */
    public static final String SECRET = "livetalk-run";

    private RunSetup() {
    }

    /**
     * The server of a run: the rate limit lifted well above the load (a harness must not
     * measure its own abuse protection), the history retention and dedupe window the scenario's
     * {@code server:} block asks for, the rest as the reference server ships.
     */
    public static ServerConfig.Builder server(Scenario scenario) {
        double perConnection = Math.max(100, 20 * scenario.load().ratePerSender());
        ServerConfig.Builder server = ServerConfig.builder(SECRET)
                .rateLimit(perConnection, (int) Math.max(1000, 4 * perConnection));
        scenario.server().historyLimit().ifPresent(server::historyLimit);
        scenario.server().dedupeWindow().ifPresent(server::dedupeWindow);
        return server;
    }

    /**
     * The session of {@code client} in a run of {@code scenario} with {@code seed}: its rooms,
     * the strategy, the client shape, reconnect backoff, delivered-marker batching and the
     * transcript limit of the scenario's {@code clients:} block; its
     * random source is derived from the run's seed, so {@code --seed} changes the clients too.
     */
    public static SessionConfig session(Scenario scenario, ClientLayout.Client client, String strategy, long seed,
                                        RunSettings settings) {
        return builder(client.user(), client.rooms(), strategy, scenario.clientShape() == ClientShape.SPLIT,
                client.index(), seed, settings)
                .transcriptLimit(scenario.clients().transcriptLimit().orElse(Transcript.NO_LIMIT))
                .build();
    }

    /**
     * The session of client {@code index}, {@code user} in {@code rooms}, as every run sets one
     * up (also outside a scenario, as the calibration's full-stack path does): reconnect backoff
     * from 100 ms up to the settings' cap, delivered markers batched, the random source seeded
     * with {@code seed * 31 + index}.
     */
    public static SessionConfig session(String user, List<String> rooms, String strategy, boolean split, int index,
                                        long seed, RunSettings settings) {
        return builder(user, rooms, strategy, split, index, seed, settings).build();
    }

    private static SessionConfig.Builder builder(String user, List<String> rooms, String strategy, boolean split,
                                                 int index, long seed, RunSettings settings) {
        return SessionConfig.builder(user, UserToken.of(SECRET, user))
                .rooms(rooms.toArray(String[]::new))
                .strategy(strategy)
                .split(split)
                .reconnectBackoff(Duration.ofMillis(100), settings.reconnectCap())
                .deliveredDelay(settings.deliveredEvery())
                .seed(seed * 31 + index);
    }

    /** The rooms {@code user} is a member of, in the scenario's order. */
    public static List<String> roomsOf(Scenario scenario, String user) {
        List<String> rooms = new ArrayList<>();
        for (Room room : scenario.rooms()) {
            if (room.members().contains(user)) {
                rooms.add(room.name());
            }
        }
        return rooms;
    }
}
