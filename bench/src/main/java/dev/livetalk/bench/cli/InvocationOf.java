package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.Invocation;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How this command was started, for {@code results.json}'s environment ({@link Invocation}):
 * the start time, the tool's version (the top command's {@code --version}), the commit of the
 * checkout the tool runs from ({@link Home}, {@link Checkout}) and the command line as invoked.
 *
 * <p>Stateless; any thread.
 */
final class InvocationOf {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private InvocationOf() {
    }

    /** The invocation of the command {@code spec} (parsed), started at {@code started}, from the checkout in {@code root}. */
    static Invocation of(CommandSpec spec, Instant started, Path root) {
        String[] version = spec.root().version();
        List<String> args = spec.root().commandLine().getParseResult() == null ? List.of()
                : spec.root().commandLine().getParseResult().originalArgs();
        return Invocation.of(started, version.length == 0 ? null : version[0],
                Checkout.commit(root).orElse(Invocation.UNKNOWN), Checkout.dirty(root).orElse(null),
                commandLine(spec.root().name(), args));
    }

    /** The invocation of {@code spec} from the project folder ({@link Home}). */
    static Invocation of(CommandSpec spec, Instant started) {
        return of(spec, started, Home.resolve(""));
    }

    /** {@code name} and {@code args} as one shell line: an argument with a space or a shell character single-quoted. */
    static String commandLine(String name, List<String> args) {
        StringBuilder line = new StringBuilder(name);
        for (String arg : args) {
            line.append(' ').append(PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
