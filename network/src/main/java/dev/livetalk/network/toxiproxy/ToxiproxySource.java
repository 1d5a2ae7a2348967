package dev.livetalk.network.toxiproxy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link ToxiproxyLocator} found a Toxiproxy server, or how to get one. Each variant
 * says where the decision came from ({@code origin}), for the log and for error messages.
 * In the locator's order: {@link External}, {@link Binary}, {@link Installable},
 * {@link Container}, {@link Missing}.
 */
public sealed interface ToxiproxySource {

    /** A server that is already running, reached over HTTP; the harness neither starts nor stops it. */
    record External(URI url, String origin) implements ToxiproxySource {
        public External {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A server binary, started as a child process on a free loopback port. */
    record Binary(Path executable, String origin) implements ToxiproxySource {
        public Binary {
            Objects.requireNonNull(executable, "executable");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** No binary, but {@code go} can install one into {@code gobin} (which then holds {@code server}). */
    record Installable(Path go, Path gobin) implements ToxiproxySource {
        public Installable {
            Objects.requireNonNull(go, "go");
            Objects.requireNonNull(gobin, "gobin");
        }
    }

    /**
     * No binary and no Go, but Docker runs: Testcontainers' {@code ToxiproxyContainer} from
     * {@code image} (at most 32 client links at once; see {@link ToxiproxyServer#startContainer}).
     */
    record Container(String image, String origin) implements ToxiproxySource {
        public Container {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** Nothing found; {@code howTo} says every way to get a server, and what was searched. */
    record Missing(String howTo) implements ToxiproxySource {
        public Missing {
            Objects.requireNonNull(howTo, "howTo");
        }
    }
}
