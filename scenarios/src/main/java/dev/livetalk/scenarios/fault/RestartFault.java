package dev.livetalk.scenarios.fault;

/**
 * The server dies abruptly at the window's start (its connections dropped without close
 * frames, as {@code kill -9} does) and comes back on the same address at the window's end.
 * With {@code durable} it comes back with its durable history and the same epoch, every
 * acknowledged message kept; without, it comes back empty under a new epoch and the clients'
 * resync paths ({@code epoch-changed}) are what count.
 *
 * <p>Immutable; any thread.
 */
public record RestartFault(boolean durable) implements Fault {

    @Override
    public FaultKind kind() {
        return FaultKind.RESTART;
    }
}
