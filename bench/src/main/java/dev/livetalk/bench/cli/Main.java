package dev.livetalk.bench.cli;

import picocli.CommandLine;

/** Entry point of the {@code livetalk} command line; exits with an {@link ExitCode}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record, "livetalk: what happened", instead of JUL's two-line default.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "livetalk: %5$s%6$s%n");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        return LivetalkCommand.commandLine().execute(args);
    }
}
