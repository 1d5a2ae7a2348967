package dev.livetalk.scenarios.fault;

/**
 * Stalls a link without losing bytes: bandwidth 0 in both directions until the window ends.
 *
 * <p>Immutable; any thread.
 */
public record StallFault() implements Fault {

    @Override
    public FaultKind kind() {
        return FaultKind.STALL;
    }
}
