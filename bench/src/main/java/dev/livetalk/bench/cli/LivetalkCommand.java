package dev.livetalk.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code livetalk} command. Maps failures to {@link ExitCode}s: argument and
 * input errors exit 2 with their message, anything unexpected exits 1 with a stack trace. Every
 * command's help lists the exit codes it can end with, each in what it means there
 * ({@link ExitCodeLists}); {@code explain} and {@code server} carry their own list, in their words.
 */
@Command(name = "livetalk",
        mixinStandardHelpOptions = true,
        version = "livetalk 0.1.0-SNAPSHOT",
        description = {"LiveTalk Chaos Bench: measures whether chat state stays consistent on a bad network.",
            "'livetalk help COMMAND' or 'livetalk COMMAND --help' tells more of each command."},
        subcommands = {RunCommand.class, ValidateCommand.class, ReportSubcommand.class, AuditCommand.class,
            ExplainCommand.class, StrategiesCommand.class, ServerCommand.class, BenchCommand.class,
            CalibrateCommand.class, CommandLine.HelpCommand.class})
public final class LivetalkCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code livetalk --plugins X run}: the subcommands that name strategies add these. */
    @CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    /** A configured command line: exit-code mapping and error handlers installed. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LivetalkCommand());
        commandLine.registerConverter(java.nio.file.Path.class, new PathConverter()); // every command's: no empty path
        documentExitCodes(commandLine);
        commandLine.setExitCodeExceptionMapper(LivetalkCommand::exitCodeOf);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("livetalk: " + e.getMessage());
            if (e instanceof CommandLine.MissingParameterException missing) {
                missing.getMissing().forEach(arg -> failed.getErr().println("  " + arg.paramLabel() + ": "
                        + String.join(" ", arg.description())));
            }
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
                failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCode.INVALID_INPUT.code();
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof UsageException) {
                failed.getErr().println("livetalk: " + e.getMessage());
            } else if (isKnownHarnessFailure(e)) {
                failed.getErr().println("livetalk: the harness failed: " + e.getMessage());
            } else {
                failed.getErr().println("livetalk: the harness failed: " + e);
                e.printStackTrace(failed.getErr());
            }
            return exitCodeOf(e);
        });
        return commandLine;
    }

    private static void documentExitCodes(CommandLine command) {
        java.util.List<ExitCodeLists.Line> codes = ExitCodeLists.BY_COMMAND.get(command.getCommandSpec().qualifiedName());
        if (codes != null) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCodeLists.helpList(codes));
        }
        command.getSubcommands().values().forEach(LivetalkCommand::documentExitCodes);
    }

    /** Failures with a message that says it all: no stack trace, exit 1. */
    static boolean isKnownHarnessFailure(Throwable e) {
        return e instanceof HarnessFailure || e instanceof dev.livetalk.network.NetworkBackendException
                || e instanceof dev.livetalk.run.RunFailure;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof UsageException || e instanceof CommandLine.ParameterException) {
            return ExitCode.INVALID_INPUT.code();
        }
        return ExitCode.HARNESS_FAILURE.code();
    }

    /** {@code livetalk} alone names no command: a usage error ({@code livetalk --help} prints the usage and exits 0). */
    @Override
    public Integer call() {
        return missingCommand(spec);
    }

    /**
     * A command of subcommands called without one: says so and prints the usage on standard
     * error, and returns {@link ExitCode#INVALID_INPUT}.
     */
    static int missingCommand(CommandLine.Model.CommandSpec spec) {
        CommandLine command = spec.commandLine();
        command.getErr().println("livetalk: '" + spec.qualifiedName() + "' needs a command: one of "
                + String.join(", ", command.getSubcommands().keySet()));
        command.usage(command.getErr());
        return ExitCode.INVALID_INPUT.code();
    }
}
