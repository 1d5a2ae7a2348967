package dev.livetalk.reports;

import dev.livetalk.metrics.results.Environment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one shard of a merged run ({@code run --shard K/N}, then {@code livetalk report}) was
 * played: its folder, the machine, how much of the run it played and its environment, for the
 * merged report's environment sections ({@link ShardsText}). Shards may run on different
 * machines (a CI matrix), so the report shows each instead of the first one's.
 *
 * <p>Immutable; any thread.
 *
 * @param shard       which shard, {@code K/N}
 * @param folder      its output folder, relative to the merged report's folder (absolute when it has no
 *                    relative path from there)
 * @param host        the machine's name, {@code null} when not recorded
 * @param owned       the strategy runs it played
 * @param units       the whole run's strategy runs
 * @param environment the environment of its results (the first it wrote), {@code null} for a shard without work
 */
public record ShardOrigin(String shard, Path folder, String host, long owned, long units, Environment environment) {
    public ShardOrigin {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(folder, "folder");
    }

    /**
     * What makes shards' figures comparable or not: the machine, its cores, the JVM, the Toxiproxy
     * version, the calibration and the commit (not when they started nor their command lines).
     */
    String comparableKey() {
        if (environment == null) {
            return "";
        }
        return host + "|" + environment.cores() + "|" + environment.jvm() + "|" + environment.toxiproxyVersion()
                + "|" + environment.calibration() + "|" + environment.invocation().commitText() + "|"
                + environment.toolVersion();
    }
}
