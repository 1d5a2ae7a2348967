package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Shell entry point that makes sure Toxiproxy is available before tests or runs: it locates
 * one like the harness does and, when only {@code go} is there, installs it into
 * {@code .tools/bin}. Needs the JDK and this module's classes; when neither a binary nor
 * {@code go} is found it asks Docker, which needs the module's dependencies (Testcontainers)
 * on the class path too:
 *
 * <pre>
 * java -cp network/target/classes dev.livetalk.network.toxiproxy.ToxiproxyProvision [--check] [--timeout SECONDS]
 * </pre>
 *
 * <p>{@code --check} also starts the server (or connects to {@code TOXIPROXY_URL}, or starts
 * the container), asks its version and stops it. Exit codes: 0 available, 1 not available (the how-to is printed on
 * stderr), 2 bad arguments. The project folder comes from {@code -Dlivetalk.home},
 * {@code LIVETALK_HOME} or the nearest folder holding {@code mvnw}. Single-threaded.
 */
public final class ToxiproxyProvision {
    private ToxiproxyProvision() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the provisioning and returns the exit code, without exiting. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean check = false;
        Duration timeout = ToxiproxyInstaller.DEFAULT_TIMEOUT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--timeout" -> {
                    if (i + 1 == args.length || !args[i + 1].matches("[1-9]\\d{0,5}")) {
                        String value = i + 1 < args.length ? args[i + 1] : "(none)";
                        err.println("--timeout needs a whole number of seconds > 0: " + value);
                        return 2;
                    }
                    timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                }
                default -> {
                    err.println("unknown argument: " + args[i] + "\nusage: ToxiproxyProvision [--check] [--timeout SECONDS]");
                    return 2;
                }
            }
        }
        try {
            out.println(provision(check, timeout));
            return 0;
        } catch (NetworkBackendException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String provision(boolean check, Duration timeout) {
        ToxiproxySource source = ToxiproxyLauncher.locator(Optional.empty()).locate();
        if (source instanceof ToxiproxySource.Installable installable) {
            source = new ToxiproxySource.Binary(ToxiproxyInstaller.install(installable, timeout), "go install");
        }
        String found = switch (source) {
            case ToxiproxySource.External external -> "Toxiproxy: " + external.url() + " (from " + external.origin() + ")";
            case ToxiproxySource.Binary binary -> "Toxiproxy: " + binary.executable() + " (from " + binary.origin() + ")";
            case ToxiproxySource.Installable installable -> throw new IllegalStateException("installed above: " + installable);
            case ToxiproxySource.Container container ->
                    "Toxiproxy: container " + container.image() + " (from " + container.origin() + ")";
            case ToxiproxySource.Missing missing -> throw new NetworkBackendException(missing.howTo());
        };
        if (!check) {
            return found;
        }
        try (ToxiproxyServer server = ToxiproxyLauncher.launch(source, timeout)) {
            return found + "\nchecked: " + server.describe();
        }
    }
}
