package dev.livetalk.simulator;

import dev.livetalk.protocol.Direction;

import dev.livetalk.scenarios.fault.BandwidthFault;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.DuplicationFault;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.MessageLossFault;
import dev.livetalk.scenarios.fault.PartitionFault;
import dev.livetalk.scenarios.fault.ReorderFault;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.SlicerFault;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;
import dev.livetalk.scenarios.fault.SlowCloseFault;
import dev.livetalk.scenarios.fault.StallFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * What the faults acting on a link do to one frame: lose it, cut its connection, or deliver
 * it after a drawn delay, perhaps held back (overtaken by later frames) or twice. One
 * instance per network is reused for every frame, filled by {@link #decide}.
 *
 * <p>Single-threaded: the simulation thread.
 */
final class FramePlan {
    /** What becomes of the frame. */
    enum Outcome {
        DELIVER,
        LOSE,
        CUT
    }

    private final SplittableRandom random;
    private final NetworkStats stats;
    Outcome outcome;
    /** Earliest time the frame leaves (a stall holds it until the stall ends). */
    long depart;
    /** The link delay plus what latency faults add. */
    long delay;
    /** Extra delay of a reordered frame, which then does not keep its place in line; -1 for none. */
    long holdBack;
    boolean duplicate;

    FramePlan(SplittableRandom random, NetworkStats stats) {
        this.random = random;
        this.stats = stats;
    }

    /**
     * Decides the fate of {@code payload} sent {@code way} at {@code now} on {@code connection},
     * with the link delay {@code linkDelay}; {@code bytes} sizes it (only for limit-data).
     */
    FramePlan decide(SimConnection connection, Direction way, long now, long linkDelay, Object payload,
                     ToLongFunction<Object> bytes) {
        outcome = Outcome.DELIVER;
        depart = now;
        delay = linkDelay;
        holdBack = -1;
        duplicate = false;
        List<ActiveFault> faults = connection.slot.faults;
        for (int i = 0; i < faults.size() && outcome == Outcome.DELIVER; i++) {
            ActiveFault fault = faults.get(i);
            if (fault.acts(way)) {
                stats.onExposed(fault.fault.kind());
                act(fault, connection, way, payload, bytes);
            }
        }
        return this;
    }

    private void act(ActiveFault fault, SimConnection connection, Direction way, Object payload,
                     ToLongFunction<Object> bytes) {
        switch (fault.fault) {
            case MessageLossFault loss -> hitIf(random.nextDouble() < loss.probability(), loss, Outcome.LOSE);
            case DuplicationFault dup -> {
                if (random.nextDouble() < dup.probability()) {
                    stats.onHit(dup.kind());
                    duplicate = true;
                }
            }
            case ReorderFault reorder -> {
                if (random.nextDouble() < reorder.probability()) {
                    stats.onHit(reorder.kind());
                    holdBack = Math.max(holdBack, 1 + random.nextLong(Math.max(1, reorder.window().toNanos())));
                }
            }
            case LatencyFault latency -> {
                stats.onHit(latency.kind());
                delay += extraDelay(latency, random);
            }
            case StallFault stall -> {
                stats.onHit(stall.kind());
                depart = Math.max(depart, fault.end);
            }
            case LimitDataFault limit ->
                    hitIf(connection.count(way, bytes.applyAsLong(payload)) > limit.bytes(), limit, Outcome.CUT);
            case PartitionFault partition -> hitIf(true, partition, Outcome.LOSE);
            case TimeoutFault timeout -> hitIf(true, timeout, Outcome.LOSE);
            case DownFault down -> {
                // acts on connections, not frames (SimFaults)
            }
            case ResetPeerFault reset -> {
                // acts on connections, not frames (SimFaults)
            }
            case BandwidthFault f -> throw unplayable(f);
            case SlowCloseFault f -> throw unplayable(f);
            case SlicerFault f -> throw unplayable(f);
            case RestartFault f -> throw unplayable(f);
            case PauseFault f -> throw unplayable(f);
            case SlowCommitFault f -> throw unplayable(f);
        }
    }

    private void hitIf(boolean hit, Fault fault, Outcome result) {
        if (hit) {
            stats.onHit(fault.kind());
            outcome = result;
        }
    }

    /** A latency fault's delay: its latency plus a uniform jitter either way, never negative. */
    static long extraDelay(LatencyFault fault, SplittableRandom random) {
        long jitter = fault.jitter().toNanos();
        long extra = fault.latency().toNanos() + (jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1));
        return Math.max(0, extra);
    }

    private static IllegalStateException unplayable(Fault fault) {
        return new IllegalStateException("the simulator cannot play " + fault.kind().yamlName()
                + " (validation should have refused it)");
    }
}
