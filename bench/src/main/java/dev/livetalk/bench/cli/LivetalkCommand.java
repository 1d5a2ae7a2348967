package dev.livetalk.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code livetalk} command. Maps failures to {@link ExitCode}s: argument and
 * input errors exit 2 with their message, anything unexpected exits 1 with a stack trace. The
 * exit codes are listed, from {@link ExitCode}, in the help of {@code livetalk}, {@code run},
 * {@code report} and {@code audit}.
 */
@Command(name = "livetalk",
        mixinStandardHelpOptions = true,
        version = "livetalk 0.1.0-SNAPSHOT",
        description = "LiveTalk Chaos Bench: measures whether chat state stays consistent on a bad network.",
        subcommands = {RunCommand.class, ValidateCommand.class, ReportSubcommand.class, AuditCommand.class,
            ExplainCommand.class, StrategiesCommand.class, ServerCommand.class, BenchCommand.class,
            CalibrateCommand.class})
public final class LivetalkCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code livetalk --plugins X run}: the subcommands that name strategies add these. */
    @CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    /** A configured command line: exit-code mapping and error handlers installed. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LivetalkCommand());
        for (CommandLine documented : java.util.List.of(commandLine, commandLine.getSubcommands().get("run"),
                commandLine.getSubcommands().get("report"), commandLine.getSubcommands().get("audit"))) {
            documented.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList());
        }
        commandLine.setExitCodeExceptionMapper(LivetalkCommand::exitCodeOf);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("livetalk: " + e.getMessage());
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
