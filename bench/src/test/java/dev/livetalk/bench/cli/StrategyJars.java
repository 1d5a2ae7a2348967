package dev.livetalk.bench.cli;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Strategy jars for the plugin tests: compiled with javax.tools against the test class path
 * (which holds the strategy API), so no build of the template or reactor order is needed.
 */
final class StrategyJars {
    /** The template a user copies: examples/strategy-template of this repository. */
    static final Path TEMPLATE = projectRoot().resolve("examples/strategy-template");

    private StrategyJars() {
    }

    /** The repository's root: the parent of bench/ (tests run in the module's folder). */
    static Path projectRoot() {
        Path bench = Path.of("").toAbsolutePath();
        Path root = bench.getParent();
        if (root == null || !Files.isRegularFile(root.resolve("livetalk"))) {
            throw new IllegalStateException("run the plugin tests from bench/ of the repository (found " + bench
                    + "), where ../livetalk and ../examples/strategy-template are");
        }
        return root;
    }

    /** The template's src/main (java sources and resources) compiled into {@code jar}. */
    static Path template(Path jar) throws IOException {
        Path main = TEMPLATE.resolve("src/main");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main.resolve("java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        Path classes = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "classes");
        compile(sources, classes);
        Path resources = main.resolve("resources");
        if (Files.isDirectory(resources)) {
            try (Stream<Path> files = Files.walk(resources)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = classes.resolve(resources.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return jar(classes, jar);
    }

    /**
     * A jar of {@code sources} (binary name to source text) and {@code resources} (entry name
     * to text), e.g. a service file.
     */
    static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources) throws IOException {
        Path work = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("java").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file);
        }
        if (!files.isEmpty()) {
            compile(files, classes);
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classes.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        return jar(classes, jar);
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the tests on a JDK (./mvnw finds one through .mvn/find-jdk.sh), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString(), "-proc:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                StringBuilder text = new StringBuilder("cannot compile " + sources + ":");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    text.append('\n').append(d);
                }
                throw new IllegalStateException(text.toString());
            }
        }
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
