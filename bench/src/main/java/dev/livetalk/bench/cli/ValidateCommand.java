package dev.livetalk.bench.cli;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.ValidationError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code livetalk validate}: checks scenario files and reports every problem of every file at
 * once as {@code file:line:column: what is wrong (the value, the rule)}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files without running them.",
            "Every problem of every file is reported at once as file:line:column: what is wrong (the value, "
            + "the rule). Exit 0 when all are valid, 2 otherwise."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files, or folders of *.yaml files.")
    List<Path> paths;

    @picocli.CommandLine.Mixin(name = PluginOptions.NAME)
    PluginOptions plugins = new PluginOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoaderOptions options = plugins.loaderOptions();
        int invalid = 0;
        for (Path file : ScenarioFiles.expand(paths)) {
            List<ValidationError> errors = ScenarioLoader.validate(file, options);
            if (errors.isEmpty()) {
                out.println("ok " + file);
            } else {
                invalid++;
                errors.forEach(error -> err.println(error));
            }
        }
        err.flush();
        return invalid == 0 ? ExitCode.OK.code() : ExitCode.INVALID_INPUT.code();
    }
}
