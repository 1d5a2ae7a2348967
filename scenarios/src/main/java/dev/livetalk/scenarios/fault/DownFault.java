package dev.livetalk.scenarios.fault;

/**
 * Disables the proxy: open connections are cut and new ones refused until the window ends.
 *
 * <p>Immutable; any thread.
 */
public record DownFault() implements Fault {

    @Override
    public FaultKind kind() {
        return FaultKind.DOWN;
    }
}
