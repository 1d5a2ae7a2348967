package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.metrics.results.ShardManifest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The strategies a command can play: the built-in ones and those of plugged-in jars, named by
 * three sources that add up, read in this order: {@code --plugins} (files or folders, repeatable,
 * comma- or path-separated), {@code LIVETALK_PLUGINS} (path-separated), and the plugins folder of
 * the project ({@code $LIVETALK_HOME/plugins/}, read when it exists). A folder means every
 * {@code *.jar} in it, by name. No source overrides another: a strategy name defined twice is an
 * error naming both jars, since a run silently playing the other jar's strategy would be worse.
 * The same jar named twice is read once. Every jar must be a jar with a
 * {@code META-INF/services/dev.livetalk.client.strategy.StrategyProvider} entry whose classes load,
 * are providers and can be made; each problem is a {@link UsageException} naming the path, the
 * class and the rule (all of them at once).
 *
 * <p>One {@link URLClassLoader} over every jar (parent: the class loader of the strategy API),
 * and {@link Strategies#load(ClassLoader)} with it. Immutable once loaded; any thread.
 */
final class Plugins {
    /** The service entry a strategy jar needs. */
    static final String SERVICE = "META-INF/services/" + StrategyProvider.class.getName();
    /** The environment variable of path-separated jars and folders. */
    static final String ENV = "LIVETALK_PLUGINS";
    /** The folder beside the launcher read by default, relative to the project ({@link Home}). */
    static final String FOLDER = "plugins";
    /** What a strategy name must be: a scenario's {@code strategies:} can name it, and not "all". */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** Where a jar was named. */
    enum Source {
        OPTION("--plugins"), ENVIRONMENT(ENV), FOLDER("the plugins folder"), BASELINE(BaselinePlugins.OPTION);

        private final String label;

        Source(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A plugged-in jar and where it was named. */
    record Jar(Path path, Source source) {
    }

    private final List<String> optionValues;
    private final String envValue;
    private final Path folder;
    private final List<Jar> jars;
    private final Strategies strategies;
    private final Map<String, Jar> origins;
    /** The SHA-256 of each jar read for {@link #origins}, by its real path. */
    private final Map<Path, String> jarHashes = new java.util.concurrent.ConcurrentHashMap<>();

    private Plugins(List<String> optionValues, String envValue, Path folder, List<Jar> jars, Strategies strategies,
                    Map<String, Jar> origins) {
        this.optionValues = optionValues;
        this.envValue = envValue;
        this.folder = folder;
        this.jars = jars;
        this.strategies = strategies;
        this.origins = origins;
    }

    /**
     * The strategies of the built-ins and of the jars named by {@code optionValues}
     * ({@code --plugins}), {@code envValue} ({@code LIVETALK_PLUGINS}, may be null) and
     * {@code folder} (the plugins folder, read when it exists).
     *
     * @throws UsageException naming every bad path, jar and class with the rule it breaks
     */
    static Plugins load(List<String> optionValues, String envValue, Path folder) {
        List<String> errors = new ArrayList<>();
        List<Jar> jars = new ArrayList<>();
        for (String value : optionValues) {
            for (String entry : value.split("[," + Pattern.quote(File.pathSeparator) + "]")) {
                named(entry, Source.OPTION, jars, errors);
            }
        }
        if (envValue != null) {
            for (String entry : envValue.split(Pattern.quote(File.pathSeparator))) {
                named(entry, Source.ENVIRONMENT, jars, errors);
            }
        }
        if (Files.isDirectory(folder)) {
            jarsIn(folder, Source.FOLDER, jars, errors);
        }
        jars = distinct(jars);
        URLClassLoader loader = loader(jars);
        Strategies builtIn = Strategies.load(Strategies.class.getClassLoader());
        Map<String, Jar> origins = new LinkedHashMap<>();
        for (Jar jar : jars) {
            check(jar, loader, builtIn, origins, new LinkedHashMap<>(), errors);
        }
        if (!errors.isEmpty()) {
            throw new UsageException("cannot load the plugged-in strategies:\n  " + String.join("\n  ", errors)
                    + "\n(a strategy jar: docs/WRITING-A-STRATEGY.md, examples/strategy-template)");
        }
        try {
            return new Plugins(List.copyOf(optionValues), envValue, folder, List.copyOf(jars),
                    Strategies.load(loader), Map.copyOf(origins));
        } catch (ServiceConfigurationError | RuntimeException e) { // checked above; a jar changed meanwhile
            throw new UsageException("cannot load the plugged-in strategies: " + e.getMessage());
        }
    }

    /** Every strategy: the built-in ones, those of the class path, and those of the jars. */
    Strategies strategies() {
        return strategies;
    }

    /** The jars read, in the order of their sources. */
    List<Jar> jars() {
        return jars;
    }

    /** The jar a plugged-in strategy came from; empty for a built-in one or one on the class path. */
    Optional<Jar> origin(String strategy) {
        return Optional.ofNullable(origins.get(strategy));
    }

    /**
     * Where each of {@code names} came from, in their order, for a shard's plan
     * ({@link ShardManifest.Origin}): built in, on livetalk's class path, or the plugin jar that
     * provided it with its SHA-256 (each jar read once).
     *
     * @throws UsageException when a plugin jar can no longer be read
     */
    List<ShardManifest.Origin> origins(java.util.Collection<String> names) {
        List<ShardManifest.Origin> list = new ArrayList<>();
        for (String name : names) {
            Optional<Jar> jar = origin(name);
            if (jar.isEmpty()) {
                list.add(new ShardManifest.Origin(name, Strategies.isBuiltIn(name) ? ShardManifest.Origin.BUILT_IN
                        : ShardManifest.Origin.CLASS_PATH, null, null));
                continue;
            }
            String sha256 = jarHashes.computeIfAbsent(realPath(jar.get().path()), file -> {
                try {
                    return ShardManifest.sha256Of(file);
                } catch (IOException e) {
                    throw new UsageException(jar.get().source().label() + ": " + jar.get().path()
                            + ": cannot read the jar to fingerprint the run's plan: " + OutputFolder.reason(e));
                }
            });
            list.add(ShardManifest.Origin.plugin(name, jar.get().path().getFileName().toString(), sha256));
        }
        return list;
    }

    /**
     * Where strategies were looked for and how to add one, for the error of an unknown name:
     * "looked for built in, in --plugins (none), in LIVETALK_PLUGINS (unset) and in the plugins
     * folder /x/plugins (no jar); to add one, ...".
     */
    String lookedFor() {
        return "strategies were looked for built in, in --plugins (" + listed(Source.OPTION, optionValues.isEmpty())
                + "), in " + ENV + " (" + (envValue == null ? "unset" : listed(Source.ENVIRONMENT, false))
                + ") and in the plugins folder " + folder.toAbsolutePath().normalize()
                + (Files.isDirectory(folder) ? " (" + listed(Source.FOLDER, false) + ")" : " (absent)")
                + "; to add one, build its jar (examples/strategy-template, docs/WRITING-A-STRATEGY.md) and"
                + " give it with --plugins JAR or " + ENV + ", or copy it into the plugins folder";
    }

    private String listed(Source source, boolean none) {
        List<String> names = jars.stream().filter(j -> j.source() == source)
                .map(j -> j.path().getFileName().toString()).toList();
        return none ? "none" : names.isEmpty() ? "no jar" : String.join(", ", names);
    }

    static void named(String entry, Source source, List<Jar> jars, List<String> errors) {
        if (entry.isBlank()) {
            return;
        }
        Path path = Path.of(entry.strip());
        if (Files.isDirectory(path)) {
            int before = jars.size();
            jarsIn(path, source, jars, errors);
            if (jars.size() == before) {
                errors.add(source.label() + ": " + path + ": no *.jar in this folder (a folder means every jar in it)");
            }
        } else if (Files.isRegularFile(path)) {
            jars.add(new Jar(path, source));
        } else {
            errors.add(source.label() + ": " + path + ": no such file or folder (give a strategy jar, or a folder of them)");
        }
    }

    private static void jarsIn(Path folder, Source source, List<Jar> jars, List<String> errors) {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
                    .forEach(f -> jars.add(new Jar(f, source)));
        } catch (IOException e) {
            errors.add(source.label() + ": " + folder + ": cannot list the folder: " + e);
        }
    }

    /** The jars, each file once (the first time it is named). */
    static List<Jar> distinct(List<Jar> jars) {
        Map<Path, Jar> byFile = new LinkedHashMap<>();
        for (Jar jar : jars) {
            byFile.putIfAbsent(realPath(jar.path()), jar);
        }
        return List.copyOf(byFile.values());
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static URLClassLoader loader(List<Jar> jars) {
        return new URLClassLoader("livetalk-plugins", urls(jars), Strategies.class.getClassLoader());
    }

    /** The URLs of {@code jars}, for a class loader. */
    static URL[] urls(List<Jar> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).path().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UsageException(jars.get(i).source().label() + ": " + jars.get(i).path()
                        + ": not a usable path: " + e.getMessage());
            }
        }
        return urls;
    }

    /**
     * Checks one jar's providers as {@link java.util.ServiceLoader} would use them, naming what
     * fails; puts each good one into {@code made} by name and its jar into {@code origins}.
     * {@code builtIn}: the strategies whose names a jar may not take; null: any name (a baseline's
     * jar may hold an earlier version of a built-in one).
     */
    static void check(Jar jar, ClassLoader loader, Strategies builtIn, Map<String, Jar> origins,
                      Map<String, StrategyProvider> made, List<String> errors) {
        String at = jar.source().label() + ": " + jar.path();
        List<String> classes;
        try (JarFile file = new JarFile(jar.path().toFile())) {
            JarEntry entry = file.getJarEntry(SERVICE);
            if (entry == null) {
                errors.add(at + ": the jar has no " + SERVICE + " (a strategy jar lists its StrategyProvider classes there)");
                return;
            }
            try (InputStream in = file.getInputStream(entry)) {
                classes = providerNames(in);
            }
        } catch (IOException e) {
            errors.add(at + ": not a jar file (" + e.getMessage() + ")");
            return;
        }
        if (classes.isEmpty()) {
            errors.add(at + ": " + SERVICE + " names no class (one provider class per line)");
        }
        for (String name : classes) {
            String provider = at + ": provider " + name + " (listed in " + SERVICE + ")";
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                errors.add(provider + ": no such class in the jar");
                continue;
            } catch (LinkageError e) {
                errors.add(provider + ": cannot be loaded: " + e);
                continue;
            }
            Optional<Path> home = jarOf(type);
            if (home.isEmpty() || !realPath(home.get()).equals(realPath(jar.path()))) {
                errors.add(provider + ": the class is also in " + home.map(Path::toString).orElse("livetalk itself")
                        + ", which is read first: remove one of the two");
                continue;
            }
            if (!StrategyProvider.class.isAssignableFrom(type)) {
                errors.add(provider + ": does not implement " + StrategyProvider.class.getName());
                continue;
            }
            String strategy;
            StrategyProvider instance;
            try {
                instance = (StrategyProvider) type.getConstructor().newInstance();
                strategy = instance.name();
                instance.description();
            } catch (NoSuchMethodException | IllegalAccessException e) {
                errors.add(provider + ": needs a public no-argument constructor in a public class");
                continue;
            } catch (InvocationTargetException e) {
                errors.add(provider + ": its constructor threw " + e.getCause());
                continue;
            } catch (InstantiationException e) {
                errors.add(provider + ": cannot be made (abstract?): " + e.getMessage());
                continue;
            } catch (RuntimeException | LinkageError e) {
                errors.add(provider + ": threw " + e);
                continue;
            }
            if (strategy == null || !NAME.matcher(strategy).matches() || strategy.equals("all")) {
                errors.add(provider + ": its name '" + strategy + "' must be letters, digits, '_', '.' and '-'"
                        + " (and not 'all'), as a scenario names it");
            } else if (builtIn != null && builtIn.names().contains(strategy)) {
                errors.add(provider + ": its name '" + strategy + "' is taken by a "
                        + (Strategies.isBuiltIn(strategy) ? "built-in strategy" : "strategy on livetalk's class path")
                        + ": rename it");
            } else if (origins.containsKey(strategy)) {
                Jar first = origins.get(strategy);
                errors.add(provider + ": two strategies are named '" + strategy + "': this one and that of "
                        + first.path() + " (" + first.source().label() + "); names must be unique: remove or rename one");
            } else {
                origins.put(strategy, jar);
                made.put(strategy, instance);
            }
        }
    }

    /** The class names of a service file: one per line, '#' starts a comment. */
    private static List<String> providerNames(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The jar or folder a class was loaded from, if known. */
    private static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
