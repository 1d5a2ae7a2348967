package dev.livetalk.bench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The help: whole one-line summaries, a help subcommand, exit codes, the required server secret. */
class HelpTest extends CommandLineTest {
    /** The line picocli lists a command by: its header's first line, else its description's. */
    private static String summary(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        return usage.header().length > 0 ? usage.header()[0] : usage.description().length > 0 ? usage.description()[0] : "";
    }

    /** Every command and subcommand, depth first. */
    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(LivetalkCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(c -> collect(c, into));
    }

    /**
     * picocli lists a command by the first line of its description: that line must be a whole
     * sentence (capital first, full stop last), so that the list never reads "...and write per
     * scenario".
     */
    @Test
    void shouldStartEveryCommandsDescriptionWithAWholeSentence() {
        List<String> commandsSeen = new ArrayList<>();
        for (CommandLine command : commands()) {
            String name = command.getCommandSpec().qualifiedName();
            commandsSeen.add(name);
            assertThat(summary(command)).as("first description line of " + name)
                    .matches("[A-Z'].*[.]").hasSizeLessThan(110);
        }
        assertThat(commandsSeen).contains("livetalk run", "livetalk report", "livetalk audit", "livetalk explain",
                "livetalk validate", "livetalk strategies", "livetalk server", "livetalk calibrate",
                "livetalk bench fanout", "livetalk bench sim", "livetalk bench ceiling", "livetalk help");
    }

    /** run --help's --strategies says what becomes of budgets for strategies it leaves out: not judged, exit 5. */
    @Test
    void shouldSayWhatStrategiesDoesToBudgetsOfStrategiesNotPlayed() {
        assertThat(run("run", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--strategies=NAME[,NAME...] Strategies to run instead of each scenario's own list;"
                + " 'all' for every one found. A budget for none of them is listed as not judged; a scenario whose"
                + " budgets are all for others is NOT JUDGED (exit 5).");
    }

    /** The command list of livetalk --help shows each summary whole, wrapped but not cut. */
    @Test
    void shouldShowEverySummaryWholeInTheCommandList() {
        assertThat(run("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (CommandLine command : LivetalkCommand.commandLine().getSubcommands().values()) {
            assertThat(help).as(command.getCommandName()).contains(command.getCommandName() + " " + summary(command));
        }
    }

    @Test
    void shouldPrintACommandsHelpThroughTheHelpSubcommand() {
        assertThat(run("help", "run")).isZero();
        String viaHelp = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run("run", "--help")).isZero();
        assertThat(viaHelp).startsWith("Usage: livetalk run ").isEqualTo(out.toString());
        out.getBuffer().setLength(0);
        assertThat(run("help", "bench")).isZero();
        assertThat(out.toString()).startsWith("Usage: livetalk bench ").contains("  sim ");
        out.getBuffer().setLength(0);
        assertThat(run("help")).isZero();
        assertThat(out.toString()).startsWith("Usage: livetalk ").contains("  help ");
    }

    /**
     * picocli reads a description as a format string: a lone {@code %} ("1% of") makes it warn on
     * standard error and print the text unformatted, so every command's help renders without a warning.
     */
    @Test
    void shouldRenderEveryCommandsHelpWithoutAPicocliWarning() {
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands()) {
                assertThat(command.getUsageMessage()).as(command.getCommandSpec().qualifiedName()).isNotBlank();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldRefuseHelpOfAnUnknownCommand() {
        assertThat(run("help", "rnu")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("rnu").doesNotContain("\tat ");
    }

    /** A command that can exit with 3, 99, 130 or 143 says so in its help, with every code it can end with. */
    @Test
    void shouldListTheExitCodesOfEveryCommandThatEndsWithMoreThanSuccessOrBadInput() {
        for (String[] command : new String[][]{{"run"}, {"report"}, {"audit"}, {"server"}, {"validate"},
                {"calibrate"}, {"explain"}, {"bench", "fanout"}, {"bench", "sim"}, {}}) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of(command));
            args.add("--help");
            assertThat(run(args.toArray(String[]::new))).isZero();
            assertThat(out.toString()).as(String.join(" ", command)).contains("Exit codes:");
        }
        out.getBuffer().setLength(0);
        run("report", "--help");
        assertThat(out.toString()).containsPattern("(?m)^\\s+99\\s").containsPattern("(?m)^\\s+130\\s")
                .containsPattern("(?m)^\\s+143\\s").doesNotContainPattern("(?m)^\\s+3\\s");
        out.getBuffer().setLength(0);
        run("audit", "--help");
        assertThat(out.toString()).containsPattern("(?m)^\\s+3\\s+audit").doesNotContainPattern("(?m)^\\s+99\\s");
        out.getBuffer().setLength(0);
        run("server", "--help");
        assertThat(out.toString()).containsPattern("(?m)^\\s*143\\s+stopped by SIGTERM");
    }

    /**
     * Every command's help lists the exit codes it really ends with, and only those: the run's
     * verdict codes (pass against --baseline, --strict, 99, 4) only where a verdict decides the
     * code (livetalk, run, report); a measuring command's 0 says it exits 0 whatever it measured.
     */
    @Test
    void shouldListEveryCommandsOwnExitCodes() {
        java.util.Map<String, List<Integer>> expected = new java.util.LinkedHashMap<>();
        expected.put("livetalk", List.of(0, 1, 2, 3, 4, 5, 99, 130, 143));
        expected.put("livetalk run", List.of(0, 1, 2, 4, 5, 99, 130, 143));
        expected.put("livetalk report", List.of(0, 1, 2, 4, 5, 99, 130, 143));
        expected.put("livetalk audit", List.of(0, 1, 2, 3));
        expected.put("livetalk validate", List.of(0, 1, 2));
        expected.put("livetalk strategies", List.of(0, 1, 2));
        expected.put("livetalk explain", List.of(0, 2));
        expected.put("livetalk server", List.of(1, 2, 130, 143));
        expected.put("livetalk calibrate", List.of(0, 1, 2, 130, 143));
        expected.put("livetalk bench", List.of(0, 2));
        expected.put("livetalk bench fanout", List.of(0, 1, 2, 130, 143));
        expected.put("livetalk bench sim", List.of(0, 1, 2, 130, 143));
        expected.put("livetalk bench ceiling", List.of(0, 1, 2, 130, 143));
        expected.put("livetalk bench soak", List.of(0, 1, 2, 130, 143));
        expected.put("livetalk help", List.of(0, 2));
        java.util.Set<String> verdicts = java.util.Set.of("livetalk", "livetalk run", "livetalk report");
        List<String> seen = new ArrayList<>();
        for (CommandLine command : commands()) {
            String name = command.getCommandSpec().qualifiedName();
            seen.add(name);
            String usage = command.getUsageMessage();
            assertThat(usage).as(name).contains("Exit codes:");
            String codes = usage.substring(usage.indexOf("Exit codes:"));
            List<Integer> listed = codes.lines().map(l -> java.util.regex.Pattern.compile("^\\s*(\\d+)\\s").matcher(l))
                    .filter(java.util.regex.Matcher::find).map(m -> Integer.parseInt(m.group(1))).toList();
            assertThat(listed).as("exit codes of " + name).isEqualTo(expected.get(name));
            if (!verdicts.contains(name)) {
                assertThat(codes).as("exit codes of " + name).doesNotContain("--baseline", "--strict", "budget");
            }
            if (name.startsWith("livetalk bench ") || name.equals("livetalk calibrate")) {
                assertThat(codes).as(name).containsPattern("(?m)^\\s+130\\s+interrupted by SIGINT");
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /**
     * picocli formats help text as a format string: an exit code's meaning with a {@code %} (exit
     * 4: "passed 90% of its maximum") must come out as written, without picocli's warning that it
     * could not format it.
     */
    @Test
    void shouldShowEveryExitCodesMeaningAsWritten() {
        java.util.Map<String, String> list = ExitCodeLists.helpList(ExitCodeLists.BY_COMMAND.get("livetalk"));
        for (ExitCode code : ExitCode.values()) {
            assertThat(String.format(list.get(String.format("%3d", code.code())))).isEqualTo(code.meaning());
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("passed 90% of its maximum");
    }

    /** The secret is required: no brackets in the synopsis, no default in the description. */
    @Test
    void shouldShowTheServerSecretAsRequired() {
        assertThat(run("server", "--help")).isZero();
        String help = out.toString();
        assertThat(help).contains(" --secret=SECRET").doesNotContain("[--secret").doesNotContain("default: $LIVETALK")
                .contains("Required: the server secret");
    }

    /** Defaults in the help are picocli's own values, so they cannot drift from the code. */
    @Test
    void shouldSayEveryDefaultAsTheCodeHasIt() {
        for (CommandLine command : commands()) {
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                String text = String.join(" ", option.description()).replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()));
                if (option.defaultValue() != null && !option.defaultValue().startsWith("${")) {
                    assertThat(text).as(command.getCommandSpec().qualifiedName() + " " + option.longestName())
                            .contains("default " + option.defaultValue());
                }
            }
        }
    }

    @Test
    void shouldNameTheMissingSecretAndItsRule() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("LIVETALK_SECRET") == null,
                "LIVETALK_SECRET is set in this environment; unset it to run this test");
        assertThat(run("server")).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("Missing required option: '--secret=SECRET'", "LIVETALK_SECRET")
                .doesNotContain("\tat ");
    }
}
