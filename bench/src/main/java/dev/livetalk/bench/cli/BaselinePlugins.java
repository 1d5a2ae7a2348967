package dev.livetalk.bench.cli;

import dev.livetalk.client.strategy.ReconciliationStrategy;
import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.client.strategy.StrategyProvider;
import dev.livetalk.client.strategy.StrategySettings;
import dev.livetalk.metrics.results.ShardManifest;
import dev.livetalk.reports.VersionComparison;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The baseline's versions of strategies, from the jars of {@code --baseline-plugins} (files or
 * folders, repeatable, comma- or path-separated; nothing else is read for them): each strategy
 * {@code S} of those jars plays as {@code S@baseline} ({@link VersionComparison#SUFFIX}) beside the
 * current strategies, so that {@code --strategies mine,mine@baseline} plays both versions of
 * {@code mine} on the same scenarios, seeds and schedules. A baseline jar may provide a built-in
 * strategy's name (an earlier version of it): {@code reconcile@baseline}.
 *
 * <p>The jars get a class loader of their own ({@link VersionLoader}) that reads a class from them
 * before asking livetalk, except the strategy API and the protocol, which both versions must share:
 * so an earlier version of a class that is also in livetalk or in {@code --plugins} (same name, other
 * code) is the baseline's own. The jars are checked as {@code --plugins}' are ({@link Plugins#check}):
 * every problem is a {@link UsageException} naming the path, the class and the rule.
 *
 * <p>Immutable once loaded; any thread.
 */
final class BaselinePlugins {
    /** The option that names the jars. */
    static final String OPTION = "--baseline-plugins";
    /** No baseline jars. */
    static final BaselinePlugins NONE = new BaselinePlugins(List.of(), Map.of(), Map.of());

    private final List<Plugins.Jar> jars;
    private final Map<String, StrategyProvider> providers;
    private final Map<String, Plugins.Jar> origins;

    private BaselinePlugins(List<Plugins.Jar> jars, Map<String, StrategyProvider> providers,
                            Map<String, Plugins.Jar> origins) {
        this.jars = jars;
        this.providers = providers;
        this.origins = origins;
    }

    /**
     * The strategies of the jars named by {@code values} ({@code --baseline-plugins}); {@link #NONE}
     * when none is given.
     *
     * @throws UsageException naming every bad path, jar and class with the rule it breaks
     */
    static BaselinePlugins load(List<String> values) {
        List<String> errors = new ArrayList<>();
        List<Plugins.Jar> jars = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split("[," + Pattern.quote(File.pathSeparator) + "]")) {
                Plugins.named(entry, Plugins.Source.BASELINE, jars, errors);
            }
        }
        jars = Plugins.distinct(jars);
        if (jars.isEmpty() && errors.isEmpty()) {
            return NONE;
        }
        VersionLoader loader = new VersionLoader(Plugins.urls(jars), Strategies.class.getClassLoader());
        Map<String, Plugins.Jar> origins = new LinkedHashMap<>();
        Map<String, StrategyProvider> made = new LinkedHashMap<>();
        for (Plugins.Jar jar : jars) {
            Plugins.check(jar, loader, null, origins, made, errors);
        }
        if (!errors.isEmpty()) {
            throw new UsageException("cannot load the baseline's strategies:\n  " + String.join("\n  ", errors)
                    + "\n(a strategy jar: docs/WRITING-A-STRATEGY.md, examples/strategy-template)");
        }
        return new BaselinePlugins(List.copyOf(jars), Map.copyOf(made), Map.copyOf(origins));
    }

    /** Whether any baseline jar was given. */
    boolean given() {
        return !jars.isEmpty();
    }

    /** The names the baseline jars provide (without the suffix), sorted. */
    List<String> names() {
        return providers.keySet().stream().sorted().toList();
    }

    /** The jars' file names, for messages: {@code old/mine.jar}. */
    String jarList() {
        return String.join(", ", jars.stream().map(j -> j.path().toString()).toList());
    }

    /**
     * {@code name} ({@code mine@baseline}) when the baseline jars provide {@code mine}; else a
     * {@link UsageException} for {@code option} naming the value and the rule: without
     * {@code --baseline-plugins}, how to give them; with them, what they provide.
     */
    String known(String option, String name) {
        String strategy = VersionComparison.currentOf(name);
        if (strategy.isEmpty()) {
            throw new UsageException(option + ": '" + name + "' names no strategy: the baseline's version of"
                    + " a strategy is NAME" + VersionComparison.SUFFIX + " (mine" + VersionComparison.SUFFIX
                    + ", beside mine)");
        }
        if (!given()) {
            throw new UsageException(option + ": '" + name + "' is the baseline's version of " + strategy
                    + ", which only " + OPTION + " JAR provides: give the jar of the earlier version (a strategy"
                    + " jar built from the previous commit; docs/WRITING-A-STRATEGY.md, \"Comparing two versions"
                    + " of your strategy\")");
        }
        if (!providers.containsKey(strategy)) {
            throw new UsageException(option + ": '" + name + "': the baseline's jars (" + jarList()
                    + ") provide no strategy '" + strategy + "'; they provide: " + String.join(", ", names())
                    + " (play one as NAME" + VersionComparison.SUFFIX + ")");
        }
        return name;
    }

    /**
     * Where a baseline's version ({@code mine@baseline}, known: {@link #known}) came from, for a
     * shard plan's fingerprint: its jar's name and SHA-256, so that shards played with different
     * baseline jars are refused as of different plans.
     */
    ShardManifest.Origin origin(String name) {
        Plugins.Jar jar = origins.get(VersionComparison.currentOf(name));
        try {
            return ShardManifest.Origin.plugin(name, jar.path().getFileName().toString(),
                    ShardManifest.sha256Of(jar.path()));
        } catch (IOException e) {
            throw new UsageException(OPTION + ": " + jar.path() + ": cannot read the jar to fingerprint the run's plan: "
                    + OutputFolder.reason(e));
        }
    }

    /** {@code current} with every baseline strategy besides, each as {@code S@baseline}. */
    Strategies addTo(Strategies current) {
        Strategies all = current;
        for (String name : names()) {
            all = all.with(new Version(VersionComparison.baselineOf(name), providers.get(name)));
        }
        return all;
    }

    /**
     * A baseline's strategy under its {@code S@baseline} name. Its sessions need a strategy that
     * says that name ({@link ReconciliationStrategy#name()}): each one made is the baseline's
     * strategy behind a proxy that answers {@code name()} and hands every other call, default
     * methods included, to it unchanged.
     */
    private record Version(String name, StrategyProvider of) implements StrategyProvider {
        @Override
        public String description() {
            return StrategiesCommand.description(of).map(line -> line + " (the baseline's version, " + OPTION + ")")
                    .orElse("the baseline's version (" + OPTION + ")");
        }

        @Override
        public ReconciliationStrategy create(StrategySettings settings) {
            ReconciliationStrategy made = of.create(settings);
            if (made == null) {
                return null; // Strategies.create names the provider
            }
            InvocationHandler renamed = (proxy, method, args) -> {
                if (method.getName().equals("name") && method.getParameterCount() == 0) {
                    return name;
                }
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> name + " (" + made + ")";
                    };
                }
                try {
                    return method.invoke(made, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (ReconciliationStrategy) Proxy.newProxyInstance(ReconciliationStrategy.class.getClassLoader(),
                    new Class<?>[] {ReconciliationStrategy.class}, renamed);
        }
    }

    /**
     * The class loader of the baseline's jars: a class found in them is theirs (child first),
     * except those of the packages both versions share with the harness (the strategy API, the
     * transcript, the protocol, the JDK), which come from livetalk, so that the harness and the
     * baseline's strategies speak the same types.
     */
    static final class VersionLoader extends URLClassLoader {
        /** The packages a strategy shares with the harness: its types cross between them. */
        static final Set<String> SHARED = Set.of("dev.livetalk.client.strategy", "dev.livetalk.client.transcript",
                "dev.livetalk.protocol");

        static {
            registerAsParallelCapable();
        }

        VersionLoader(URL[] urls, ClassLoader parent) {
            super("livetalk-baseline-plugins", urls, parent);
        }

        /** Whether {@code className} must come from livetalk: the JDK's and {@link #SHARED}. */
        static boolean shared(String className) {
            int dot = className.lastIndexOf('.');
            String pkg = dot < 0 ? "" : className.substring(0, dot);
            return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                    || className.startsWith("sun.") || className.startsWith("com.sun.") || SHARED.contains(pkg);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (shared(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    try {
                        type = findClass(name);
                    } catch (ClassNotFoundException notInTheJars) {
                        return super.loadClass(name, resolve);
                    }
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
