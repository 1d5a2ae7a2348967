package dev.livetalk.bench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.livetalk.bench.cli.ExitCode.AUDIT_DIFFERS;
import static dev.livetalk.bench.cli.ExitCode.BUDGET_FAILED;
import static dev.livetalk.bench.cli.ExitCode.HARNESS_FAILURE;
import static dev.livetalk.bench.cli.ExitCode.HEAP_EXHAUSTED;
import static dev.livetalk.bench.cli.ExitCode.INTERRUPTED_SIGINT;
import static dev.livetalk.bench.cli.ExitCode.INTERRUPTED_SIGTERM;
import static dev.livetalk.bench.cli.ExitCode.INVALID_INPUT;
import static dev.livetalk.bench.cli.ExitCode.NOT_JUDGED;
import static dev.livetalk.bench.cli.ExitCode.OK;

/**
 * The exit codes each command's {@code --help} lists, by the command's qualified name, each
 * with what it means for that command. Composed of shared lines, one place per concept: a run's
 * verdict codes in {@link ExitCode}'s words ({@code livetalk}, {@code run}, and {@code report},
 * which exits with the code of the verdict it renders), a harness failure and invalid input
 * with the command's own cases, a measuring command killed by a signal. {@code explain} and
 * {@code server} carry their own list on their {@code @Command}, in their words.
 */
final class ExitCodeLists {
    private ExitCodeLists() {
    }

    /** One exit code of a command, with what it means there. */
    record Line(ExitCode code, String meaning) {
    }

    /** A code with {@link ExitCode}'s own meaning (a run's, as README's table says it). */
    private static Line asRun(ExitCode code) {
        return new Line(code, code.meaning());
    }

    /** Exit 1: the harness itself failed, in the {@code cases} of the command. */
    private static Line harnessFailed(String cases) {
        return harnessFailed(cases, "");
    }

    /** Exit 1: the harness itself failed, in the {@code cases} of the command, and {@code more} that exits 1. */
    private static Line harnessFailed(String cases, String more) {
        return new Line(HARNESS_FAILURE, "the harness itself failed (" + cases + ")" + more);
    }

    /** Exit 2: invalid input, in the {@code cases} of the command; the message names it. */
    private static Line invalid(String cases) {
        return new Line(INVALID_INPUT, "invalid input (" + cases + ")");
    }

    /**
     * 130 and 143 of a command with no handler of its own: the JVM stops at once (its shutdown
     * hooks stop a Toxiproxy it started) and exits 128 + the signal's number.
     */
    private static final List<Line> KILLED = List.of(
            new Line(INTERRUPTED_SIGINT, "interrupted by SIGINT (Ctrl-C): stopped at once, the rest not printed and"
                    + " no --json file written"),
            new Line(INTERRUPTED_SIGTERM, "interrupted by SIGTERM: stopped at once, as for SIGINT"));

    private static List<Line> lines(Object... parts) {
        List<Line> all = new java.util.ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Line line) {
                all.add(line);
            } else if (part instanceof ExitCode code) {
                all.add(asRun(code));
            } else {
                for (Object line : (List<?>) part) {
                    all.add((Line) line);
                }
            }
        }
        return List.copyOf(all);
    }

    /** Every command's list, by its qualified name. */
    static final Map<String, List<Line>> BY_COMMAND = Map.ofEntries(
            Map.entry("livetalk", lines(List.of(ExitCode.values()).stream().map(ExitCodeLists::asRun).toList())),
            Map.entry("livetalk run", lines(OK, HARNESS_FAILURE, INVALID_INPUT, HEAP_EXHAUSTED, NOT_JUDGED,
                    BUDGET_FAILED, INTERRUPTED_SIGINT, INTERRUPTED_SIGTERM)),
            // report exits with the code of the verdict it renders: a stopped run's folder keeps its 1, 4, 130 or 143
            Map.entry("livetalk report", lines(OK,
                    harnessFailed("the report cannot be written, a crash", ", the reported run stopped on a harness"
                            + " failure, or with --strict its scheduling lag made it untrustworthy"),
                    invalid("arguments, a results file or folder that cannot be read, shards that do not make one"
                            + " run, an --out that would overwrite results"),
                    HEAP_EXHAUSTED, NOT_JUDGED, BUDGET_FAILED, INTERRUPTED_SIGINT, INTERRUPTED_SIGTERM)),
            Map.entry("livetalk audit", lines(
                    new Line(OK, "every figure of results.json agrees with its recount from the ledger"),
                    harnessFailed("results.json has a figure the audit does not recount, a crash"),
                    invalid("no such folder, no results.json or no ledger in it (of a run stopped before it wrote"
                            + " results.json, the message names stopped.json and what it says), a results.json that"
                            + " cannot be read, a ledger of another run (scenario, strategy or seed)"),
                    AUDIT_DIFFERS)),
            Map.entry("livetalk validate", lines(
                    new Line(OK, "every scenario file is valid"),
                    harnessFailed("a crash"),
                    invalid("a scenario file with a problem, every problem listed; no such file; an option; a"
                            + " --plugins jar that cannot be used"))),
            Map.entry("livetalk strategies", lines(
                    new Line(OK, "the strategies listed"),
                    harnessFailed("a crash"),
                    invalid("an option, a --plugins jar or folder that cannot be used"))),
            Map.entry("livetalk calibrate", lines(
                    new Line(OK, "the calibration printed (and written with --json)"),
                    harnessFailed("no Toxiproxy, a crash"),
                    invalid("an option, a --json file that cannot be written"),
                    KILLED)),
            Map.entry("livetalk bench", lines(
                    new Line(OK, "the usage printed (--help); each benchmark's --help lists its own exit codes"),
                    invalid("no benchmark named, an unknown benchmark or option"))),
            Map.entry("livetalk bench fanout", lines(
                    new Line(OK, "measured and printed, whatever the figures"),
                    harnessFailed("a crash"),
                    invalid("an option"),
                    KILLED)),
            Map.entry("livetalk bench sim", lines(
                    new Line(OK, "measured and printed, the targets met or missed"),
                    harnessFailed("a crash"),
                    invalid("an option, the --scenario file, an unknown --strategy"),
                    KILLED)),
            Map.entry("livetalk bench ceiling", lines(
                    new Line(OK, "measured and printed, whatever the ceiling"),
                    harnessFailed("no Toxiproxy, a client count beyond a limit of this machine such as open files, a crash"),
                    invalid("an option, the --scenario file, a --json file that cannot be written"),
                    KILLED)),
            Map.entry("livetalk bench soak", lines(
                    new Line(OK, "measured and printed, whatever the heap did"),
                    harnessFailed("a play failed, a crash"),
                    invalid("an option, the scenario file or one longer than --minutes, a --json file that cannot be"
                            + " written"),
                    KILLED)),
            Map.entry("livetalk help", lines(
                    new Line(OK, "the help printed"),
                    invalid("an unknown command"))));

    /**
     * {@code lines} as picocli's exit code list shows them, in the order given (picocli formats
     * help text: a {@code %} is written {@code %%}).
     */
    static Map<String, String> helpList(List<Line> lines) {
        Map<String, String> list = new LinkedHashMap<>();
        for (Line line : lines) {
            list.put(String.format("%3d", line.code().code()), line.meaning().replace("%", "%%"));
        }
        return list;
    }
}
