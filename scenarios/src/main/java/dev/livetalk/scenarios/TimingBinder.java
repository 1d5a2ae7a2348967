package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.Timing;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a fault's timing: {@code at} + {@code for} once, or {@code every} + {@code for}
 * from {@code at} (default 0s), {@code count} times or until the end of the run, with
 * {@code arrival: constant | poisson}. Every window must end by the end of the run,
 * {@code every} must be longer than {@code for}, and a fault makes at most
 * {@link Timing#MAX_WINDOWS} windows (without {@code count}: periods within the run).
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class TimingBinder {
    private final Values values;
    private final Duration runEnd;

    /** {@code runEnd} is null when the run's duration is itself invalid (reported already). */
    TimingBinder(Values values, Duration runEnd) {
        this.values = values;
        this.runEnd = runEnd;
    }

    /** {@code faultName} names the fault in errors that are about the whole fault. */
    Optional<Timing> timing(Fields fields, String faultName) {
        Optional<Duration> length = fields.required("for", "how long the fault lasts, such as 5s")
                .flatMap(n -> values.duration(n, fields.path("for")));
        length.filter(Duration::isZero).ifPresent(zero ->
                values.error(fields.optional("for").orElseThrow(), fields.path("for") + " must be a duration > 0: 0s"));
        length = length.filter(l -> !l.isZero());
        if (fields.has("every")) {
            return every(fields, faultName, length);
        }
        for (String key : new String[] {"count", "arrival"}) {
            fields.optional(key).ifPresent(n -> values.error(n, fields.path(key) + " applies only with every"));
        }
        Optional<Duration> at = fields.required("at", "when the fault starts, such as 20s; or every")
                .flatMap(n -> values.duration(n, fields.path("at")));
        if (at.isEmpty() || length.isEmpty() || fields.has("count") || fields.has("arrival")) {
            return Optional.empty();
        }
        if (!endsInRun(fields, at.get().plus(length.get()), "the fault")) {
            return Optional.empty();
        }
        return Optional.of(new Timing.Once(at.get(), length.get()));
    }

    private Optional<Timing> every(Fields fields, String faultName, Optional<Duration> length) {
        YamlNode everyNode = fields.optional("every").orElseThrow();
        Optional<Duration> period = values.duration(everyNode, fields.path("every"));
        Optional<Duration> first = fields.optional("at").map(n -> values.duration(n, fields.path("at")))
                .orElse(Optional.of(Duration.ZERO));
        Optional<OptionalInt> count = count(fields);
        Optional<Arrival> arrival = fields.optional("arrival")
                .map(n -> values.choice(n, fields.path("arrival"), Arrival.values(), Arrival::yamlName))
                .orElse(Optional.of(Arrival.CONSTANT));
        if (period.isEmpty() || length.isEmpty() || first.isEmpty() || count.isEmpty() || arrival.isEmpty()) {
            return Optional.empty();
        }
        if (period.get().compareTo(length.get()) <= 0) {
            values.error(everyNode, fields.path("every") + " must be longer than for (" + Durations.format(length.get())
                    + ") so windows do not overlap: " + Durations.format(period.get()));
            return Optional.empty();
        }
        Duration lastEnd = first.get().plus(length.get());
        if (count.get().isPresent() && arrival.get() == Arrival.CONSTANT) {
            lastEnd = lastEnd.plus(period.get().multipliedBy(count.get().getAsInt() - 1L));
        }
        if (!endsInRun(fields, lastEnd, count.get().isPresent() ? "the last window" : "the first window")) {
            return Optional.empty();
        }
        if (count.get().isEmpty() && runEnd != null) {
            long windows = runEnd.minus(first.get()).minus(length.get()).dividedBy(period.get()) + 1;
            if (windows > Timing.MAX_WINDOWS) {
                values.error(everyNode, fields.path("every") + ": fault '" + faultName + "' repeats every "
                        + Durations.format(period.get()) + " from " + Durations.format(first.get())
                        + " until the run ends at " + Durations.format(runEnd) + ": " + windows
                        + " windows, more than the limit of " + Timing.MAX_WINDOWS
                        + " windows per fault (make every longer, or give a count)");
                return Optional.empty();
            }
        }
        return Optional.of(new Timing.Every(first.get(), period.get(), length.get(), count.get(), arrival.get()));
    }

    private Optional<OptionalInt> count(Fields fields) {
        Optional<YamlNode> node = fields.optional("count");
        if (node.isEmpty()) {
            return Optional.of(OptionalInt.empty());
        }
        Optional<Long> count = values.integer(node.get(), fields.path("count"));
        if (count.isPresent() && (count.get() < 1 || count.get() > Timing.MAX_WINDOWS)) {
            values.error(node.get(), fields.path("count") + " must be within 1.." + Timing.MAX_WINDOWS + ": " + count.get());
            return Optional.empty();
        }
        return count.map(c -> OptionalInt.of(Math.toIntExact(c)));
    }

    private boolean endsInRun(Fields fields, Duration end, String what) {
        if (runEnd == null || end.compareTo(runEnd) <= 0) {
            return true;
        }
        YamlNode at = fields.optional("count").or(() -> fields.optional("for")).orElseThrow();
        String key = fields.has("count") ? "count" : "for";
        values.error(at, fields.path(key) + ": " + what + " ends at " + Durations.format(end) + ", after the run ends at "
                + Durations.format(runEnd) + " (faults end within duration; quiesce follows it)");
        return false;
    }
}
