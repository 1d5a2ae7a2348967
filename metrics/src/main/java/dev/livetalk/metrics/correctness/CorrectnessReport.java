package dev.livetalk.metrics.correctness;

import java.util.List;

/**
 * Everything the correctness checkers found for one strategy's run.
 *
 * <p>Immutable; any thread.
 *
 * @param figures     the summed figures
 * @param rooms       per client and room, the figures they sum
 * @param convergence the convergence samples (for budgets with any percentile)
 * @param examples    the first few of each kind of error
 * @param byClient    per fault window and client it targeted, when the client converged
 * @param overTime    per interval of 1 s from the end of the warm-up, correctness summed over clients
 * @param byRoom      per room (sorted by name), the figures of its member clients summed
 */
public record CorrectnessReport(CorrectnessFigures figures, List<RoomFigures> rooms, ConvergenceTimes convergence,
                                List<Example> examples, List<ClientConvergence> byClient,
                                List<CorrectnessInterval> overTime, List<RoomCorrectness> byRoom) {
    public CorrectnessReport {
        rooms = List.copyOf(rooms);
        examples = List.copyOf(examples);
        byClient = List.copyOf(byClient);
        overTime = List.copyOf(overTime);
        byRoom = List.copyOf(byRoom);
    }

    /** A report without figures per room. */
    public CorrectnessReport(CorrectnessFigures figures, List<RoomFigures> rooms, ConvergenceTimes convergence,
                             List<Example> examples, List<ClientConvergence> byClient,
                             List<CorrectnessInterval> overTime) {
        this(figures, rooms, convergence, examples, byClient, overTime, List.of());
    }

    /** The figures of the room named, or {@code null} when no client is a member of it. */
    public RoomCorrectness room(String room) {
        return byRoom.stream().filter(r -> r.room().equals(room)).findFirst().orElse(null);
    }
}
