package dev.livetalk.run;

import dev.livetalk.scenarios.fault.FaultWindow;

/**
 * One fault window as it was played on the proxies ({@link System#nanoTime()} times).
 *
 * @param window       the window of the schedule
 * @param plannedStart when it was due to begin
 * @param plannedEnd   when it was due to end
 * @param appliedAt    when its toxics were on
 * @param removedAt    when its toxics were off again (or when applying failed)
 * @param error        what went wrong, or {@code null}
 */
public record PlayedFault(FaultWindow window, long plannedStart, long plannedEnd, long appliedAt, long removedAt,
                          String error) {
}
