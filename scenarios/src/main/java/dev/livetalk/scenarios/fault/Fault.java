package dev.livetalk.scenarios.fault;

/**
 * The parameters of one fault, one small record per kind (Toxiproxy keeps one file per
 * toxic). When and where a fault acts is in {@link FaultSpec}; these records say only what it
 * does. Compact constructors check the values, so a record that exists is playable.
 *
 * <p>Immutable; any thread.
 */
public sealed interface Fault permits LatencyFault, BandwidthFault, SlowCloseFault,
        TimeoutFault, ResetPeerFault, SlicerFault, LimitDataFault, DownFault, StallFault,
        MessageLossFault, DuplicationFault, ReorderFault, PartitionFault,
        RestartFault, PauseFault, SlowCommitFault {

    /** The kind of this fault, with its name and the backends that can play it. */
    FaultKind kind();
}
