package dev.livetalk.scenarios.fault;

/**
 * Cuts the targeted clients from the server (in the direction given) without closing anything: messages vanish until the window ends. Simulator only.
 *
 * <p>Immutable; any thread.
 */
public record PartitionFault() implements Fault {

    @Override
    public FaultKind kind() {
        return FaultKind.PARTITION;
    }
}
