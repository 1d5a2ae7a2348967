package dev.livetalk.junit;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a test's scenario comes from: a YAML file, a class-path resource, or YAML text (a text
 * block in the test, which is how a test builds a scenario of its own: the file format is the
 * one typed description of a scenario, validated by the loader with every error at its line,
 * so there is no second, Java-typed way to write one). Loaded with the scenario loader of the
 * command line; a scenario that is invalid fails with {@link IllegalArgumentException} listing
 * every error as {@code file:line:column: what is wrong}.
 *
 * <p>Immutable; any thread.
 */
public sealed interface ScenarioSource {

    /** A scenario file, relative to the working directory (the module's folder under Maven) or absolute. */
    static ScenarioSource file(Path path) {
        return new File(Objects.requireNonNull(path, "path"));
    }

    /** A scenario file, relative to the working directory (the module's folder under Maven) or absolute. */
    static ScenarioSource file(String path) {
        return file(Path.of(Objects.requireNonNull(path, "path")));
    }

    /** A resource on the test's class path, such as {@code scenarios/outage.yaml} in {@code src/test/resources}. */
    static ScenarioSource resource(String name) {
        return new Resource(Objects.requireNonNull(name, "name"));
    }

    /** A scenario written in the test, as YAML text (a text block). */
    static ScenarioSource yaml(String text) {
        return new Yaml(Objects.requireNonNull(text, "text"));
    }

    /** The name its errors are reported under: the file, {@code classpath:NAME} or {@code inline scenario}. */
    String describe();

    /** The scenario's YAML text. */
    String text();

    /**
     * The validated scenario.
     *
     * @throws IllegalArgumentException naming every error, or why the text cannot be read
     */
    default Scenario load(LoaderOptions options) {
        try {
            return ScenarioLoader.parse(describe(), text(), options);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("invalid scenario, nothing was run:\n" + e.getMessage(), e);
        }
    }

    /** A file. */
    record File(Path path) implements ScenarioSource {
        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public String text() {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("scenario file " + path + " not found (relative paths are read from "
                        + Path.of("").toAbsolutePath() + "; for a file in src/test/resources use ScenarioSource.resource)");
            }
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read scenario file " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** A class-path resource, found with the thread's context class loader (else this class's). */
    record Resource(String name) implements ScenarioSource {
        @Override
        public String describe() {
            return "classpath:" + name;
        }

        @Override
        public String text() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            String path = name.startsWith("/") ? name.substring(1) : name;
            try (InputStream in = (loader != null ? loader : ScenarioSource.class.getClassLoader()).getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("scenario resource " + name + " not found on the class path"
                            + " (put it under src/test/resources/" + path + ")");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read scenario resource " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** YAML text. */
    record Yaml(String text) implements ScenarioSource {
        @Override
        public String describe() {
            return "inline scenario";
        }
    }
}
