package dev.livetalk.metrics.results;

/**
 * Where a run ran: the Toxiproxy version ({@code null} without Toxiproxy), the JVM and the
 * machine's cores.
 *
 * <p>Immutable; any thread.
 */
public record Environment(String toxiproxyVersion, String jvm, int cores) {
}
