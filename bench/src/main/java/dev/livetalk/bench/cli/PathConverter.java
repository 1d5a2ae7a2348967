package dev.livetalk.bench.cli;

import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads every path of the command line (options and arguments of each command): an empty one is
 * refused (exit 2) rather than taken for the current folder, where {@code --out ""} would write a
 * report among whatever is there; so is one the file system cannot name.
 */
final class PathConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is empty: a path must name a file or"
                    + " folder (for the current folder, give .)");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a path: " + e.getReason());
        }
    }
}
