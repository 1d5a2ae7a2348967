package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code livetalk validate} answers bad input with exit 2 and a message naming the value and
 * the rule, never a stack trace.
 */
class ValidateCommandTest extends CommandLineTest {
    private static final String SCENARIO =
            "name: s\nseed: 1\nduration: 10s\nnetwork: sim\nusers: [a, b]\nrooms: [{name: r, members: all}]\n";

    @TempDir
    Path dir;

    private void assertInvalid(int code, String... message) {
        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8Text() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"),
                (SCENARIO + "load: {rate: 1}\ndescription: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));

        assertInvalid(run("validate", latin1.toString()), latin1 + ":8:17: the file is not UTF-8 text: byte 0xE9");
    }

    @Test
    void shouldSayAPathThatExistsButIsNotARegularFileIsNotOne() {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "a device file to name");

        assertInvalid(run("validate", device.toString()),
                "not a regular file or folder (a scenario is a YAML text file): /dev/null");
        assertThat(err.toString()).doesNotContain("no such");
    }

    /** A folder's scenario that is a link to nothing was left out in silence: the folder validated, exit 0. */
    @Test
    void shouldRefuseAScenarioInAFolderThatIsALinkToNothing() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(folder.resolve("a.yaml"), SCENARIO + "load: {rate: 1}\n");
        Path dangling = Files.createSymbolicLink(folder.resolve("b.yaml"), dir.resolve("moved-away.yaml"));

        assertInvalid(run("validate", folder.toString()),
                "no such scenario file or folder: " + dangling + " (a link to a path that does not exist)");
        assertThat(out.toString()).doesNotContain("ok ");
    }

    /** Emacs's lock of a scenario being edited ({@code .#NAME.yaml}, a link to nothing) is no scenario of the folder. */
    @Test
    void shouldPassOverAnEditorsLockInAFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("editing"));
        Files.writeString(folder.resolve("a.yaml"), SCENARIO + "load: {rate: 1}\n");
        Files.createSymbolicLink(folder.resolve(".#a.yaml"), Path.of("user@host.4242:1765000000"));

        assertThat(run("validate", folder.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ok " + folder.resolve("a.yaml"));
    }

    /** A folder without scenarios is named with both extensions a folder's scenarios may have. */
    @Test
    void shouldNameBothExtensionsForAFolderWithoutScenarios() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(folder.resolve("notes.txt"), "not a scenario\n");

        assertInvalid(run("validate", folder.toString()), "no scenario files (*.yaml or *.yml) in folder " + folder);
    }
}
