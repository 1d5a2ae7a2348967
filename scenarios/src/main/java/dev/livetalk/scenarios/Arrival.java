package dev.livetalk.scenarios;

/**
 * How events of an open-model schedule are spaced: evenly, or with exponential gaps of the
 * same mean (a Poisson process) drawn from the scenario seed.
 *
 * <p>Immutable; any thread.
 */
public enum Arrival {
    CONSTANT("constant"),
    POISSON("poisson");

    private final String yamlName;

    Arrival(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
