package dev.livetalk.scenarios;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot be run, with every problem found in it (the command line maps
 * it to exit code 2). The message lists them one per line.
 *
 * <p>Immutable; any thread.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ValidationError> errors;

    public ScenarioException(List<ValidationError> errors) {
        super(errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** Every problem, in file order. */
    public List<ValidationError> errors() {
        return errors;
    }
}
