package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.livetalk.metrics.correctness.CorrectnessFigures;

import java.util.List;

/**
 * One room's (one conversation's) part of a strategy's result: its correctness figures summed
 * over its member clients, and its latency figures over the samples of its messages and read
 * markers, in the shape of the strategy's.
 *
 * <p>Immutable; any thread.
 *
 * @param room        the room's name
 * @param correctness the room's figures: {@code clients} are its member clients,
 *                    {@code convergedClients} those whose transcript of this room ended exactly as
 *                    its entitled log; convergence times until this room alone stayed good
 * @param latency     per latency metric and phase, as {@link StrategyResult#latency()}, over the
 *                    room's samples only
 */
public record RoomResult(String room, CorrectnessFigures correctness, List<LatencyFigures> latency) {
    @JsonCreator
    public RoomResult {
        if (room == null || room.isEmpty()) {
            throw new IllegalArgumentException("a room result needs the room's name: " + room);
        }
        latency = latency == null ? List.of() : List.copyOf(latency);
    }

    /** The figures of a metric in a phase (expression names), or {@code null}. */
    public LatencyFigures latency(String metric, String phase) {
        return latency.stream().filter(f -> f.metric().equals(metric) && f.phase().equals(phase))
                .findFirst().orElse(null);
    }
}
