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
 */
public record CorrectnessReport(CorrectnessFigures figures, List<RoomFigures> rooms, ConvergenceTimes convergence,
                                List<Example> examples) {
    public CorrectnessReport {
        rooms = List.copyOf(rooms);
        examples = List.copyOf(examples);
    }
}
