package dev.livetalk.run;

import dev.livetalk.client.ClientSession;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One client hosted by a {@link Stage}: its session on the backend's transport, on a thread
 * (a lane) that it may share with other clients.
 */
public interface Host {
    /**
     * The lane this client runs on: clients of one lane run on one thread, one action at a time,
     * so an action of one may act on another. Lanes are numbered from 0.
     */
    int lane();

    /** Opens the client's connections. */
    void start();

    /** Runs {@code action} at {@code at} on the stage's clock (or as soon after as it can) on the lane, with the time it ran. Any thread. */
    void at(long at, LongConsumer action);

    /** Runs {@code action} on the session and carries out what it asked for. Only from an action on this client's lane. */
    void act(Consumer<ClientSession> action);
}
