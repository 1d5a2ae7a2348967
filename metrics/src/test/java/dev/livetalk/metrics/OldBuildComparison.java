package dev.livetalk.metrics;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The figures of {@link FoldsRandomTraceTest#figures} as another build of the metrics module computes them (its
 * classes and test classes, e.g. of commit 88f45168, from {@code -Dhrev.old=DIR}, the module's folder), loaded
 * child-first for {@code dev.livetalk.metrics} beside this one in the same JVM: what depends on the JVM (the
 * order of {@code Map.copyOf}) is then the same on both sides.
 */
final class OldBuildComparison {
    private final Method figures;
    private final Method trace;

    OldBuildComparison(Path module) throws Exception {
        URL[] urls = {module.resolve("target/classes").toUri().toURL(), module.resolve("target/test-classes").toUri().toURL()};
        ClassLoader loader = new URLClassLoader(urls, OldBuildComparison.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.startsWith("dev.livetalk.metrics.")) {
                        Class<?> c = findLoadedClass(name);
                        if (c == null) {
                            try {
                                c = findClass(name);
                            } catch (ClassNotFoundException e) {
                                c = super.loadClass(name, false);
                            }
                        }
                        if (resolve) {
                            resolveClass(c);
                        }
                        return c;
                    }
                    return super.loadClass(name, resolve);
                }
            }
        };
        Class<?> test = loader.loadClass("dev.livetalk.metrics.FoldsRandomTraceTest");
        Class<?> runTrace = loader.loadClass("dev.livetalk.metrics.trace.RunTrace");
        figures = test.getDeclaredMethod("figures", runTrace, boolean.class);
        figures.setAccessible(true);
        trace = loader.loadClass("dev.livetalk.metrics.RandomTraces").getMethod("of", long.class);
    }

    /** The old build's figures of the random trace of {@code seed}. */
    String figures(long seed) throws Exception {
        return (String) figures.invoke(null, trace.invoke(null, seed), true);
    }
}
