package dev.livetalk.network.toxiproxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ToxiproxyInstaller with a stand-in {@code go} (a script that notes each run and writes the
 * binary): it installs when nothing is there, and a process that waited for another's install
 * (shards or test forks of a fresh checkout) takes the binary that one left, without running
 * {@code go} again over it.
 */
class ToxiproxyInstallerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path gobin() {
        return temp.resolve(".tools").resolve("bin");
    }

    private Path runs() {
        return temp.resolve("go-runs");
    }

    /** A {@code go} that appends a line to {@link #runs()} and writes an executable {@code $GOBIN/server}. */
    private Path fakeGo() throws IOException {
        Path go = temp.resolve("go");
        Files.writeString(go, "#!/bin/sh\necho \"$*\" >> '" + runs() + "'\n"
                + "printf '#!/bin/sh\\n' > \"$GOBIN/server\"\nchmod +x \"$GOBIN/server\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(go, PosixFilePermissions.fromString("rwxr-xr-x"));
        return go;
    }

    @Test
    void shouldRunGoInstallWhenTheBinaryIsMissing() throws IOException {
        Path installed = ToxiproxyInstaller.install(new ToxiproxySource.Installable(fakeGo(), gobin()), TIMEOUT);

        assertThat(installed).isEqualTo(gobin().resolve("server")).isExecutable();
        assertThat(Files.readAllLines(runs())).singleElement().asString()
                .startsWith("install -ldflags=-X github.com/Shopify/toxiproxy/v2.Version=2.12.0 ");
    }

    @Test
    void shouldTakeTheBinaryAnotherProcessInstalledWhileItWaitedForTheLock() throws Exception {
        Path go = fakeGo();
        Files.createDirectories(gobin());
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstallLockHolderMain.class.getName(),
                temp.resolve(".tools").resolve("install.lock").toString()).redirectErrorStream(true).start();
        CompletableFuture<Path> install;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo(InstallLockHolderMain.LOCKED);
            install = CompletableFuture.supplyAsync(
                    () -> ToxiproxyInstaller.install(new ToxiproxySource.Installable(go, gobin()), TIMEOUT));
            // the other process installs while it holds the lock, then releases it
            Path theirs = gobin().resolve("server");
            Files.writeString(theirs, "#!/bin/sh\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxr-xr-x"));
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        assertThat(install.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(gobin().resolve("server"));
        assertThat(runs()).as("go install ran though the binary was there once the lock was free").doesNotExist();
    }
}
