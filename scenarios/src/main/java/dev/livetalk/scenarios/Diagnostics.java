package dev.livetalk.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the validation errors of one file, so that all of them are reported at once.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class Diagnostics {
    private final String file;
    private final List<ValidationError> errors = new ArrayList<>();

    Diagnostics(String file) {
        this.file = file;
    }

    void error(YamlNode.Mark at, String message) {
        error(at.line(), at.column(), message);
    }

    void error(int line, int column, String message) {
        errors.add(new ValidationError(file, line, column, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Every error so far, in file order (stable for errors at one position). */
    List<ValidationError> errors() {
        List<ValidationError> sorted = new ArrayList<>(errors);
        sorted.sort(null);
        return List.copyOf(sorted);
    }
}
