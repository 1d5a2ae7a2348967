package dev.livetalk.metrics.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Why a run stopped before its end, and where: the marker {@link #FILE} a stopped run writes
 * beside the results of the scenarios it finished, so that {@code livetalk report} renders
 * them as a stopped run.
 *
 * <p>Immutable; any thread.
 *
 * @param cause    what stopped it
 * @param detail   for a human: the signal, the harness failure's message
 * @param during   what was running when it stopped ({@code scenario outage, strategy reconcile}),
 *                 or empty between scenarios
 * @param finished the scenarios whose results were written, in run order (of a seed sweep:
 *                 those swept whole)
 */
public record RunStop(Cause cause, String detail, String during, List<String> finished) {
    /** The marker's file name, in the run's output folder. */
    public static final String FILE = "stopped.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunStop {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(during, "during");
        finished = List.copyOf(finished);
    }

    /** What stopped a run. */
    public enum Cause {
        /** Interrupted by SIGINT (Ctrl-C). */
        SIGINT,
        /** Interrupted by SIGTERM. */
        SIGTERM,
        /** The harness failed (a proxy died, a crash). */
        HARNESS_FAILURE,
        /**
         * The harness's heap passed its guard's share after a collection: the strategy's run was
         * ended early and measured as far as it went, rather than die of an OutOfMemoryError; or
         * the harness ran out of heap measuring it, or once its figures were complete (kept then:
         * {@link dev.livetalk.metrics.results.ScenarioStop#figuresKept}).
         */
        HEAP_EXHAUSTED;

        /**
         * The verdict word: {@code INTERRUPTED} for a signal, {@code STOPPED EARLY} for the heap,
         * {@code HARNESS FAILED} otherwise.
         */
        public String word() {
            return switch (this) {
                case SIGINT, SIGTERM -> "INTERRUPTED";
                case HARNESS_FAILURE -> "HARNESS FAILED";
                case HEAP_EXHAUSTED -> "STOPPED EARLY";
            };
        }

        /** The cause of a run one of whose scenarios stopped with {@code stop}. */
        public static Cause of(dev.livetalk.metrics.results.ScenarioStop.Cause stop) {
            return switch (stop) {
                case HARNESS_FAILURE -> HARNESS_FAILURE;
                case HEAP_EXHAUSTED -> HEAP_EXHAUSTED;
            };
        }

        /** How the stop is told before the reason: {@code the harness failed: }, or nothing for the heap (its reason says it). */
        public static String lead(dev.livetalk.metrics.results.ScenarioStop.Cause stop) {
            return stop == dev.livetalk.metrics.results.ScenarioStop.Cause.HEAP_EXHAUSTED ? "" : "the harness failed: ";
        }
    }

    /** One line for a human: {@code interrupted by SIGINT during scenario outage, strategy reconcile}. */
    public String sentence() {
        return detail + (during.isEmpty() ? "" : " during " + during) + "; finished scenarios: "
                + (finished.isEmpty() ? "none" : String.join(", ", finished));
    }

    /** Writes the marker into {@code folder}. */
    public void write(Path folder) throws IOException {
        Files.writeString(folder.resolve(FILE), MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads the marker of {@code file}.
     *
     * @throws IllegalArgumentException when it is not a stop marker
     */
    public static RunStop read(Path file) {
        try {
            return MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), RunStop.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run stop marker: " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
