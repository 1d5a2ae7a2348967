package dev.livetalk.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) for page checks: installs it with
 * apt-get when it is missing, runs it with a fresh profile and no network services, and
 * waits for it with a deadline.
 *
 * <p>Test thread only.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 180;
    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** What a run printed. */
    record Output(int exitCode, String stdout, String stderr) {
    }

    /**
     * Finds Chromium, installing Debian's package when it is missing.
     *
     * @return the browser, or a reason why there is none
     */
    static Chromium findOrInstall(Path work) throws IOException, InterruptedException {
        Path found = find();
        if (found == null) {
            Output install = exec(List.of("apt-get", "install", "-y", "chromium"), work, "apt-get");
            if (install.exitCode() != 0) {
                install = exec(List.of("sh", "-c", "apt-get update && apt-get install -y chromium"), work, "apt-get");
            }
            found = find();
            if (found == null) {
                throw new IllegalStateException("apt-get install -y chromium failed (exit " + install.exitCode()
                        + "):\n" + install.stderr());
            }
        }
        return new Chromium(found, work);
    }

    private static Path find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Runs Chromium headless on {@code page} with {@code flags} (after the safe defaults). */
    Output run(Path page, String name, String... flags) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile));
        command.addAll(List.of(flags));
        command.add(page.toUri().toString());
        return exec(command, work, name);
    }

    private static Output exec(List<String> command, Path work, String name) throws IOException, InterruptedException {
        Path out = work.resolve(name + ".stdout");
        Path err = work.resolve(name + ".stderr");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(name + " did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Output(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
