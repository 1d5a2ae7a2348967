package dev.livetalk.scenarios;

import dev.livetalk.protocol.Names;
import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.fault.FaultSpec;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated scenario file. The run is {@code warmup} (load, no faults, not measured), then
 * {@code duration} (load and faults; every fault ends by then), then {@code quiesce} (no load,
 * no faults: the system settles before final transcripts are taken). Fault times count from
 * the end of the warm-up. {@code server} is what the scenario asks of the reference server
 * (its {@code server:} block; {@link ServerSettings#DEFAULTS} without one); {@code clients} is
 * what it asks of every client (its {@code clients:} block; {@link ClientSettings#DEFAULTS}
 * without one).
 *
 * <p>Immutable; any thread. Built by {@link ScenarioLoader}.
 */
public record Scenario(
        String name,
        String description,
        long seed,
        Backend network,
        Duration duration,
        Duration warmup,
        Duration quiesce,
        List<String> users,
        List<Room> rooms,
        ClientShape clientShape,
        Load load,
        StrategySelection strategies,
        List<FaultSpec> faults,
        List<Budget> budgets,
        ServerSettings server,
        ClientSettings clients) {

    /**
     * The longest scenario name a file may give (checked by validation): the name is the run's
     * output folder and starts its chart files' names ({@code NN-NAME-percentiles-METRIC.png}),
     * which must fit a file system's 255-byte names with room to spare; names are ASCII.
     */
    public static final int MAX_NAME_LENGTH = 100;
    /** What limits a scenario's name, as validation says it. */
    static final String NAME_LIMIT = "it names the run's output folder and chart files";
    /** What limits a fault's name to {@link #MAX_NAME_LENGTH} too, as validation says it. */
    static final String FAULT_NAME_LIMIT = "it is written with each of its windows into the schedule, the results,"
            + " the ledger and the report";
    /**
     * What limits a user's or a room's name to the protocol's {@link Names#MAX_NAME_LENGTH}, as
     * validation says it: the name is a user id or a room of the wire protocol, whose records refuse
     * a longer one (the run would fail at its first frame).
     */
    static final String MEMBER_NAME_LIMIT = "the wire protocol's limit on user ids and room names";

    public Scenario {
        users = List.copyOf(users);
        rooms = List.copyOf(rooms);
        faults = List.copyOf(faults);
        budgets = List.copyOf(budgets);
        server = server == null ? ServerSettings.DEFAULTS : server;
        clients = clients == null ? ClientSettings.DEFAULTS : clients;
        Durations.requirePositive("duration", duration);
        Durations.requireNonNegative("warmup", warmup);
        Durations.requireNonNegative("quiesce", quiesce);
        int senders = senders(rooms);
        if (load != null && !(load.totalRate(senders) <= Load.MAX_TOTAL_RATE)) {
            throw new IllegalArgumentException("the load must be at most " + (long) Load.MAX_TOTAL_RATE
                    + " messages/s in all (the rate times the users in a room): " + load.ratePerSender()
                    + " messages/s from each of " + senders + " users");
        }
    }

    /** How many users send: those that are members of at least one of {@code rooms}. */
    static int senders(List<Room> rooms) {
        Set<String> members = new HashSet<>();
        for (Room room : rooms) {
            members.addAll(room.members());
        }
        return members.size();
    }

    /** A scenario whose clients keep every line. */
    public Scenario(String name, String description, long seed, Backend network, Duration duration, Duration warmup,
                    Duration quiesce, List<String> users, List<Room> rooms, ClientShape clientShape, Load load,
                    StrategySelection strategies, List<FaultSpec> faults, List<Budget> budgets,
                    ServerSettings server) {
        this(name, description, seed, network, duration, warmup, quiesce, users, rooms, clientShape, load,
                strategies, faults, budgets, server, ClientSettings.DEFAULTS);
    }

    /** The whole run: warm-up, then the load and faults, then the quiet settling time. */
    public Duration runLength() {
        return warmup.plus(duration).plus(quiesce);
    }
}
