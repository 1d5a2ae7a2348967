package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Probabilities;
import dev.livetalk.scenarios.Room;

/**
 * Where a fault acts: one client, a seeded share of the clients, the clients of one room,
 * all clients, or the server side. For split clients, {@link LinkSelector} picks the connection.
 *
 * <p>Immutable; any thread.
 */
public sealed interface Target permits Target.AllClients, Target.ServerSide, Target.Client,
        Target.Share, Target.Room {

    /** Every client ({@code target: all}). */
    record AllClients(LinkSelector link) implements Target {
    }

    /** The server side of every connection ({@code target: server}). */
    record ServerSide() implements Target {
    }

    /** The client of one user. */
    record Client(String user, LinkSelector link) implements Target {
    }

    /** A share of the clients, in (0, 1], chosen from the seed when the schedule is resolved. */
    record Share(double share, LinkSelector link) implements Target {
        public Share {
            Probabilities.require("share", share);
        }
    }

    /** The clients of the members of one room. */
    record Room(String room, LinkSelector link) implements Target {
    }
}
