package dev.livetalk.scenarios.fault;

/**
 * The server stops processing for the window, as in a stop-the-world pause: connections stay
 * open, frames wait in the sockets, nothing is answered, and at the window's end the server
 * takes up what waited, in order.
 *
 * <p>Immutable; any thread.
 */
public record PauseFault() implements Fault {

    @Override
    public FaultKind kind() {
        return FaultKind.PAUSE;
    }
}
