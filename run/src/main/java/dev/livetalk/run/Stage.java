package dev.livetalk.run;

import dev.livetalk.client.ClientSession;
import dev.livetalk.scenarios.fault.FaultWindow;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One strategy's run on a backend: its clock, the clients it hosts and the faults it plays.
 * Opened by {@link Backend#open}, driven by {@link StrategyPlay}, closed once.
 */
public interface Stage extends AutoCloseable {
    /** The stage's clock, in nanoseconds ({@link System#nanoTime()} on real networks, virtual time in the simulator). */
    long now();

    /**
     * Hosts {@code session}, the client of {@code user}, on its links: frames it receives go to
     * {@link SimulatedUser#onFrame} and then to the session; what the session asks for is carried
     * out. The client does nothing until {@link Host#start()}.
     */
    Host host(SimulatedUser user, ClientSession session);

    /**
     * Lets the run go on until {@code done} completes or the clock reaches {@code deadline}.
     * {@code everySecond} is called about once a second of wall time while waiting, for
     * progress (a backend whose time is virtual may call it less).
     *
     * @return whether {@code done} completed
     * @throws InterruptedException when the calling thread was interrupted
     */
    boolean runUntil(CompletableFuture<?> done, long deadline, Runnable everySecond) throws InterruptedException;

    /** Plays {@code windows}, whose times count from {@code zero} on the stage's clock, on the layout's links. */
    FaultPlay playFaults(List<FaultWindow> windows, long zero);

    /** Frames that failed to decode, sends that failed, transport errors, so far. */
    long transportErrors();

    /** A line about how the stage ran, for the progress output (such as the simulator's speed), or {@code null}. */
    default String summary() {
        return null;
    }

    /** Stops the clients and the server and releases the links. */
    @Override
    void close() throws IOException;
}
