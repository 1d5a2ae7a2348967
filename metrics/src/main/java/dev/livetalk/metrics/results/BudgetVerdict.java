package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether a strategy kept one budget.
 *
 * <p>Immutable; any thread.
 *
 * @param budget   the expression as written
 * @param strategy the strategy
 * @param observed the figure compared, in the measured unit (nanoseconds for times, percent,
 *                 or the count); {@code null} when there is none (no samples, never converged)
 * @param unit     {@code ns}, {@code %} or empty for counts
 * @param passed   whether the budget holds
 * @param message  for a human: {@code peer-final p(99) = 912ms, budget < 800ms}
 * @param room     the room whose figure this is: the room of {@code in room-3}, the worst room
 *                 of {@code in every room}; {@code null} (and absent from the document) for a
 *                 budget over the figures summed over rooms
 */
public record BudgetVerdict(String budget, String strategy, Double observed, String unit, boolean passed,
                            String message, @JsonInclude(JsonInclude.Include.NON_NULL) String room) {
    @JsonCreator
    public BudgetVerdict {
    }

    /** The verdict of a budget over the figures summed over rooms. */
    public BudgetVerdict(String budget, String strategy, Double observed, String unit, boolean passed,
                         String message) {
        this(budget, strategy, observed, unit, passed, message, null);
    }

    /** This verdict as that of {@code room}: the message starts with {@code in ROOM}, then {@code detail}. */
    public BudgetVerdict inRoom(String room, String detail) {
        return new BudgetVerdict(budget, strategy, observed, unit, passed, "in " + room + detail + ": " + message,
                room);
    }
}
