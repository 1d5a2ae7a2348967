package dev.livetalk.network.toxiproxy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ToxiproxyProvisionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ToxiproxyProvision.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitTwoOnUnknownArgument() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown argument: --frobnicate");
    }

    @Test
    void shouldExitTwoOnTimeoutThatIsNoPositiveNumber() {
        assertThat(run("--timeout", "-5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--timeout needs a whole number of seconds > 0: -5");
    }
}
