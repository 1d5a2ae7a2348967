package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.NetworkBackendException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides where Toxiproxy comes from, in this order: an explicit URL ({@code --toxiproxy});
 * {@code TOXIPROXY_URL}; a binary named by {@code TOXIPROXY_SERVER}; {@code toxiproxy-server}
 * on {@code PATH}; {@code <root>/.tools/bin/toxiproxy-server} or {@code .../server} (what
 * {@code go install} writes); {@code go} on {@code PATH} to install one; Testcontainers'
 * {@code ToxiproxyContainer} ({@link #IMAGE}) when Docker runs; otherwise
 * {@link ToxiproxySource.Missing} with instructions. It only decides: it starts and installs
 * nothing, and reads only the environment map, project root and Docker check it is given
 * (tests inject all three) plus the file system. The Docker check is slow (Testcontainers
 * connects to Docker and starts its Ryuk container), so it runs only when that step is
 * reached. Immutable; safe on any thread.
 */
public final class ToxiproxyLocator {
    /** The Toxiproxy release the harness is built and tested against. */
    public static final String VERSION = "2.12.0";
    /** The Go package of the server; {@code go install} names the binary {@code server}. */
    public static final String GO_PACKAGE = "github.com/Shopify/toxiproxy/v2/cmd/server@v" + VERSION;
    /** The environment variable naming a running server's API URL. */
    public static final String URL_ENV = "TOXIPROXY_URL";
    /** The environment variable naming a server binary. */
    public static final String SERVER_ENV = "TOXIPROXY_SERVER";
    /** The image of the Docker route (step 3). */
    public static final String IMAGE = "ghcr.io/shopify/toxiproxy:" + VERSION;
    /** How many client links the Docker route carries at once (the container's exposed proxy ports). */
    public static final int DOCKER_LINK_LIMIT = ContainerAddressing.LAST_PORT - ContainerAddressing.FIRST_PORT + 1;
    /** The origin of {@link ToxiproxySource.Container}. */
    static final String DOCKER_ORIGIN = "Docker";

    private final Optional<String> explicitUrl;
    private final Map<String, String> env;
    private final Path projectRoot;
    private final BooleanSupplier dockerAvailable;

    /**
     * @param explicitUrl     the {@code --toxiproxy} option, if given
     * @param env             the process environment (or a test's map)
     * @param projectRoot     the folder holding {@code .tools/}
     * @param dockerAvailable whether Docker runs (Testcontainers' check, or a test's answer);
     *                        asked at most once per {@link #locate()}, and only when no binary
     *                        and no {@code go} was found
     */
    public ToxiproxyLocator(Optional<String> explicitUrl, Map<String, String> env, Path projectRoot,
                            BooleanSupplier dockerAvailable) {
        this.explicitUrl = Objects.requireNonNull(explicitUrl, "explicitUrl");
        this.env = Map.copyOf(env);
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.dockerAvailable = Objects.requireNonNull(dockerAvailable, "dockerAvailable");
    }

    /**
     * Where Toxiproxy comes from.
     *
     * @throws NetworkBackendException when a source is named explicitly but is unusable (a bad
     *                                 URL, a {@code TOXIPROXY_SERVER} that is not executable):
     *                                 an explicit choice never falls through to another source;
     *                                 or when Docker answers but Testcontainers cannot use it
     */
    public ToxiproxySource locate() {
        if (explicitUrl.isPresent()) {
            return external(explicitUrl.get(), "--toxiproxy");
        }
        String url = ProjectRoot.nonBlank(env.get(URL_ENV));
        if (url != null) {
            return external(url, URL_ENV);
        }
        Optional<ToxiproxySource.Binary> binary = binary();
        if (binary.isPresent()) {
            return binary.get();
        }
        return installable()
                .or(this::container)
                .orElseGet(() -> new ToxiproxySource.Missing(howTo()));
    }

    private Optional<ToxiproxySource.Binary> binary() {
        String named = ProjectRoot.nonBlank(env.get(SERVER_ENV));
        if (named != null) {
            Path path = Path.of(named).toAbsolutePath();
            if (!isExecutable(path)) {
                throw new NetworkBackendException(SERVER_ENV + " must name an executable Toxiproxy server file: " + named);
            }
            return Optional.of(new ToxiproxySource.Binary(path, SERVER_ENV));
        }
        return onPath("toxiproxy-server").map(path -> new ToxiproxySource.Binary(path, "PATH"))
                .or(() -> inTools("toxiproxy-server"))
                .or(() -> inTools("server"));
    }

    private Optional<ToxiproxySource.Binary> inTools(String name) {
        Path path = ProjectRoot.toolsBin(projectRoot).resolve(name);
        return isExecutable(path) ? Optional.of(new ToxiproxySource.Binary(path, ".tools")) : Optional.empty();
    }

    private Optional<ToxiproxySource> installable() {
        return onPath("go").map(go -> new ToxiproxySource.Installable(go, ProjectRoot.toolsBin(projectRoot)));
    }

    /** Step 3 of the search order (README.md, "Two commands"): Testcontainers' ToxiproxyContainer where Docker runs. */
    private Optional<ToxiproxySource> container() {
        return dockerAvailable.getAsBoolean()
                ? Optional.of(new ToxiproxySource.Container(IMAGE, DOCKER_ORIGIN))
                : Optional.empty();
    }

    private Optional<Path> onPath(String name) {
        return PathSearch.find(name, env);
    }

    private static boolean isExecutable(Path path) {
        return PathSearch.isExecutable(path);
    }

    /**
     * Checks a {@code --toxiproxy} URL as a run would take it, before anything starts.
     *
     * @throws NetworkBackendException naming the value and the rule, when it is not an http URL with
     *                                 host and port on this machine
     */
    public static void checkUrl(String url) {
        external(url, "--toxiproxy");
    }

    static ToxiproxySource.External external(String url, String origin) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new NetworkBackendException(origin + " must be an http URL like http://127.0.0.1:8474: " + url);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new NetworkBackendException(origin
                    + " must be an http URL with host and port, like http://127.0.0.1:8474: " + url);
        }
        if (!isLoopback(uri.getHost())) {
            throw new NetworkBackendException(origin + " must point to this machine (127.0.0.1, ::1 or localhost),"
                    + " because its proxies listen on the loopback interface: " + url);
        }
        return new ToxiproxySource.External(uri, origin);
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost") || bare.equals("::1") || bare.matches("127(\\.\\d{1,3}){3}");
    }

    /** Every way to get a server, and what was searched; the message of {@link ToxiproxySource.Missing}. */
    String howTo() {
        Path tools = ProjectRoot.toolsBin(projectRoot);
        return "No Toxiproxy server found (the chaos engine; version " + VERSION + "). Get one of these ways:\n"
                + "  1. with Go (https://go.dev/dl/), install it where the harness looks:\n"
                + "       GOBIN=" + tools + " go install -ldflags \"-X github.com/Shopify/toxiproxy/v2.Version="
                + VERSION + "\" " + GO_PACKAGE + "\n"
                + "     (with `go` on PATH the harness runs this itself)\n"
                + "  2. point to a server binary, e.g. from https://github.com/Shopify/toxiproxy/releases/tag/v" + VERSION + ":\n"
                + "       export " + SERVER_ENV + "=/path/to/toxiproxy-server\n"
                + "  3. use a server already running on this machine:\n"
                + "       export " + URL_ENV + "=http://127.0.0.1:8474   (or --toxiproxy http://127.0.0.1:8474)\n"
                + "  4. start Docker (https://docs.docker.com/get-docker/): the harness then runs " + IMAGE + "\n"
                + "     in a container through Testcontainers (at most " + DOCKER_LINK_LIMIT + " client links at once;"
                + " larger scenarios need 1, 2 or 3)\n"
                + "Searched: --toxiproxy and " + URL_ENV + " (unset), " + SERVER_ENV + " (unset),"
                + " toxiproxy-server on PATH, " + tools.resolve("toxiproxy-server") + ", " + tools.resolve("server")
                + "; `go` is not on PATH; Docker: not available (Testcontainers found no Docker environment).";
    }
}
