package dev.livetalk.metrics.ledger;

import java.util.List;

/**
 * A fault window {@code [startUs, endUs)}, microseconds since the end of the warm-up: the
 * {@code occurrence}-th window of fault {@code fault}, on the links of {@code clients} (empty,
 * or {@code serverSide}: everybody).
 *
 * <p>Immutable; any thread.
 */
public record FaultRow(String fault, int occurrence, long startUs, long endUs, List<String> clients,
                       boolean serverSide, @AddedLater String type) {
    public FaultRow {
        clients = List.copyOf(clients);
    }

    /** A window whose type is not known. */
    public FaultRow(String fault, int occurrence, long startUs, long endUs, List<String> clients, boolean serverSide) {
        this(fault, occurrence, startUs, endUs, clients, serverSide, null);
    }
}
