package dev.livetalk.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a test with {@link LiveTalk} gets as a parameter: it starts {@link Play}s of scenarios,
 * each written into its own folder under this test's ({@link #folder()}).
 *
 * <p>Thread-safe: one runner may start plays from several threads; each {@link Play} belongs to
 * the thread that builds and runs it. Folders are claimed once per JVM, so parallel tests and
 * repeated or parameterized invocations never write into one folder.
 */
public final class LiveTalkRunner {
    /** Folders claimed in this JVM, each emptied when claimed. */
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final Supplier<SharedToxiproxy> toxiproxy;

    LiveTalkRunner(Path folder, Supplier<SharedToxiproxy> toxiproxy) {
        this.folder = folder;
        this.toxiproxy = toxiproxy;
    }

    /** This test's folder: {@code target/livetalk/<test class>/<test method>/}. */
    public Path folder() {
        return folder;
    }

    /** A play of {@code scenario}, to be told its strategies and backend, then {@link Play#run() run}. */
    public Play play(ScenarioSource scenario) {
        return new Play(this, scenario);
    }

    SharedToxiproxy toxiproxy() {
        return toxiproxy.get();
    }

    /**
     * The folder of a run of {@code scenario}: {@code <test folder>/<scenario>/}, then
     * {@code <scenario>-2/}, {@code -3/}... for further runs of it in this JVM; emptied of what an
     * earlier build left there.
     */
    Path claim(String scenario) {
        for (int n = 1; ; n++) {
            Path candidate = folder.resolve(n == 1 ? scenario : scenario + "-" + n).toAbsolutePath().normalize();
            if (CLAIMED.add(candidate)) {
                empty(candidate);
                return candidate;
            }
        }
    }

    /** Claims a folder the test named, emptied once per JVM as {@link #claim} does. */
    static Path claimNamed(Path named) {
        Path folder = named.toAbsolutePath().normalize();
        if (CLAIMED.add(folder)) {
            empty(folder);
        }
        return folder;
    }

    private static void empty(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the run's folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
