package dev.livetalk.bench.cli;

import dev.livetalk.scenarios.Backend;
import picocli.CommandLine;

/** Reads {@code --network}: the backend names of the scenario files. */
final class BackendConverter implements CommandLine.ITypeConverter<Backend> {
    @Override
    public Backend convert(String value) {
        for (Backend backend : Backend.values()) {
            if (backend.yamlName().equals(value)) {
                return backend;
            }
        }
        throw new CommandLine.TypeConversionException("--network is toxiproxy or sim: '" + value + "'");
    }
}
