package dev.livetalk.scenarios;

/**
 * One problem in a scenario file, at a 1-based line and column, printed the way compilers
 * do: {@code file:line:column: what is wrong (the value, the rule)}.
 *
 * <p>Immutable; any thread.
 */
public record ValidationError(String file, int line, int column, String message)
        implements Comparable<ValidationError> {

    @Override
    public int compareTo(ValidationError other) {
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
