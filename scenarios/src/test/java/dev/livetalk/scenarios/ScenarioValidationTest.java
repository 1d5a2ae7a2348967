package dev.livetalk.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per kind of error, each pinning the exact line:column and the message. */
class ScenarioValidationTest {

    private static Path invalid(String name) {
        return ExampleFiles.example("invalid/" + name);
    }

    private static List<ValidationError> errorsOf(String name) throws IOException {
        return ScenarioLoader.validate(invalid(name));
    }

    private static void assertSingleError(String name, int line, int column, String... fragments)
            throws IOException {
        List<ValidationError> errors = errorsOf(name);
        assertThat(errors).as(errors.toString()).hasSize(1);
        assertError(errors.get(0), line, column, fragments);
    }

    private static void assertError(ValidationError error, int line, int column, String... fragments) {
        assertThat(error.line()).as(error.toString()).isEqualTo(line);
        assertThat(error.column()).as(error.toString()).isEqualTo(column);
        assertThat(error.message()).contains(fragments);
    }

    @Test
    void shouldReportAnUnknownKeyWithTheClosestKnownKey() throws IOException {
        assertSingleError("unknown-key.yaml", 11, 1, "unknown key 'quiesse'", "did you mean 'quiesce'?");
    }

    @Test
    void shouldReportAWrongType() throws IOException {
        assertSingleError("wrong-type.yaml", 3, 7, "seed must be a whole number", "'one'");
    }

    @Test
    void shouldReportANegativeRateWithTheValueAndTheRule() throws IOException {
        assertSingleError("negative-rate.yaml", 10, 9, "load.rate must be > 0 messages/s per sender: -3");
    }

    @Test
    void shouldReportAShareOutsideZeroToOne() throws IOException {
        assertSingleError("share-out-of-range.yaml", 15, 21, "faults[0].target.share must be within (0, 1]: 1.5");
    }

    @Test
    void shouldReportAFaultEndingAfterTheRun() throws IOException {
        assertSingleError("fault-after-run.yaml", 14, 10, "faults[0].for", "ends at 33s",
                "after the run ends at 30s");
    }

    @Test
    void shouldReportEveryShorterThanFor() throws IOException {
        assertSingleError("every-shorter-than-for.yaml", 13, 12, "every must be longer than for (3s)", ": 2s");
    }

    @Test
    void shouldReportATargetClientThatDoesNotExist() throws IOException {
        assertSingleError("unknown-target.yaml", 16, 22, "no user 'carl' is declared", "did you mean 'carol'?");
    }

    @Test
    void shouldReportARoomMemberThatIsNotADeclaredUser() throws IOException {
        assertSingleError("undeclared-member.yaml", 8, 22, "'dave' is not a declared user");
    }

    @Test
    void shouldReportDuplicateUserRoomAndFaultNames() throws IOException {
        List<ValidationError> errors = errorsOf("duplicate-names.yaml");

        assertThat(errors).hasSize(3);
        assertError(errors.get(0), 5, 21, "duplicate user 'alice'", "first at 5:9");
        assertError(errors.get(1), 9, 5, "duplicate room 'lobby'", "first at 7:5");
        assertError(errors.get(2), 19, 11, "duplicate fault name 'cut'", "first at 15:11");
    }

    @Test
    void shouldReportADuplicateKey() throws IOException {
        assertSingleError("duplicate-key.yaml", 11, 1, "duplicate key 'duration'", "first at 4:1");
    }

    @Test
    void shouldPointInsideABudgetExpressionThatDoesNotParse() throws IOException {
        List<ValidationError> errors = errorsOf("bad-budget.yaml");

        assertThat(errors).hasSize(3);
        assertError(errors.get(0), 13, 24, "budgets[1]", "threshold needs a time unit", "800");
        assertError(errors.get(1), 14, 17, "budgets[2]", "unknown comparator '<<'");
        assertError(errors.get(2), 15, 5, "budgets[3]", "unknown metric 'latency'");
    }

    @Test
    void shouldRefuseADriftBudgetInARunUnderThreeFullMinutes() throws IOException {
        assertSingleError("drift-too-short.yaml", 13, 5, "budgets[1]: a drift budget needs a duration of at least 3m "
                + "(3 full minutes after the warm-up, the runs that get a drift block): duration 179s "
                + "(in 'scheduling-lag p(99) drift < 20%')");
    }

    @Test
    void shouldRejectASimulatorOnlyFaultOnToxiproxy() throws IOException {
        assertSingleError("sim-only-fault.yaml", 12, 11,
                "network toxiproxy cannot play duplication", "it plays on: sim");
    }

    @Test
    void shouldAcceptASimulatorOnlyFaultWhenTheNetworkIsOverriddenToSim() throws IOException {
        assertThat(ScenarioLoader.validate(invalid("sim-only-fault.yaml"), LoaderOptions.DEFAULTS.withNetwork(Backend.SIM)))
                .isEmpty();
    }

    @Test
    void shouldRejectAToxiproxyOnlyFaultOnTheSimulator() throws IOException {
        assertSingleError("toxiproxy-only-fault.yaml", 13, 11, "network sim cannot play slicer",
                "it plays on: toxiproxy");
    }

    @Test
    void shouldRejectAnExampleFaultWhenTheNetworkIsOverriddenToToxiproxy() throws IOException {
        List<ValidationError> errors = ScenarioLoader.validate(ExampleFiles.example("sim-message-loss.yaml"),
                LoaderOptions.DEFAULTS.withNetwork(Backend.TOXIPROXY));

        assertThat(errors).extracting(ValidationError::message).allMatch(m -> m.contains("cannot play"))
                .hasSize(4);
    }

    @Test
    void shouldReportInvalidYamlAtTheProblem() throws IOException {
        assertSingleError("syntax-error.yaml", 6, 6, "not valid YAML", "flow sequence (at 5:8)");
    }

    @Test
    void shouldReportADurationWithoutAUnit() throws IOException {
        assertSingleError("duration-without-unit.yaml", 4, 11, "duration needs a unit: 30", "30s");
    }

    @Test
    void shouldReportADirectionOnAFaultThatCutsBothWays() throws IOException {
        assertSingleError("direction-not-applicable.yaml", 13, 16, "direction does not apply to stall");
    }

    @Test
    void shouldReportALinkOnASingleConnectionClient() throws IOException {
        assertSingleError("link-needs-split.yaml", 16, 33, "link 'receive' needs client-shape: split");
    }

    @Test
    void shouldReportMissingRequiredKeys() throws IOException {
        List<ValidationError> errors = errorsOf("missing-keys.yaml");

        assertThat(errors).hasSize(3);
        assertError(errors.get(0), 2, 1, "missing key 'duration' in scenario");
        assertError(errors.get(1), 2, 1, "missing key 'load' in scenario");
        assertError(errors.get(2), 9, 5, "missing key 'for' in faults[0]");
    }

    @Test
    void shouldReportAStrategyThatIsNotFound() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: [reconcile, reconcil]\n";
        LoaderOptions options = LoaderOptions.DEFAULTS.withKnownStrategies(Set.of("reconcile", "event-only"));

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, options))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertError(e.errors().get(0), 7, 25, "no strategy 'reconcil' is found",
                            "did you mean 'reconcile'?");
                });
    }

    @Test
    void shouldSayWhereStrategiesWereLookedForWhenOneIsNotFound() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: [seq-sort]\n";
        LoaderOptions options = LoaderOptions.DEFAULTS.withKnownStrategies(Set.of("reconcile"),
                "strategies were looked for built in and in --plugins (none)");

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, options))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors().get(0).toString())
                        .endsWith("no strategy 'seq-sort' is found (found: reconcile);"
                                + " strategies were looked for built in and in --plugins (none)"));
    }

    @Test
    void shouldReportABudgetForAStrategyTheScenarioDoesNotRun() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: [reconcile]\nbudgets:\n  - lost == 0 for gap-fill\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertError(e.errors().get(0), 9, 19, "strategy 'gap-fill' is not run by this scenario");
                });
    }

    /** A count or time threshold beyond 64 bits was judged as 2^63-1 and shown so: refused at its line and column. */
    @Test
    void shouldRefuseAThresholdBeyond64BitsAtItsLineAndColumn() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nbudgets:\n  - lost == 99999999999999999999\n  - echo p(99) < 99999999999999m\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertError(e.errors().get(0), 8, 13, "a count is a whole number within 64 bits, at most"
                            + " 9223372036854775807: 99999999999999999999");
                    assertError(e.errors().get(1), 9, 18, "a time threshold must be at most 292 years (2^63-1 ns),"
                            + " as a duration: 99999999999999m");
                });
    }

    /** A budget for a strategy found nowhere is not a scoping slip: said as an unknown strategy, with those found. */
    @Test
    void shouldReportABudgetForAStrategyFoundNowhereWithTheStrategiesFound() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nbudgets:\n  - lost == 0 for reconcil\n";
        LoaderOptions options = LoaderOptions.DEFAULTS.withKnownStrategies(Set.of("reconcile", "event-only"),
                "strategies were looked for built in");

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, options))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertError(e.errors().get(0), 8, 19, "budgets[0]: no strategy 'reconcil' is found; did you mean"
                            + " 'reconcile'? (found: event-only, reconcile); strategies were looked for built in (in"
                            + " 'lost == 0 for reconcil')");
                });
    }

    /** The same budget twice (however spelt, for the same strategies) would be judged and counted twice. */
    @Test
    void shouldRefuseABudgetRepeatedNamingBothLines() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: [event-only, reconcile]\nbudgets:\n"
                + "  - echo p(99) < 800ms for reconcile,event-only\n  - lost == 0\n  - lost == 0 for reconcile\n"
                + "  - echo p(99)<0.8s for event-only, reconcile\n  - lost==0 for all\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertError(e.errors().get(0), 12, 5, "budgets[3]: 'echo p(99)<0.8s for event-only, reconcile'"
                            + " repeats budgets[0] at line 9 ('echo p(99) < 800ms for reconcile,event-only'): a budget"
                            + " is judged once; remove one");
                    assertError(e.errors().get(1), 13, 5, "budgets[4]: 'lost==0 for all' repeats budgets[1] at line 10");
                });
    }

    /**
     * Thresholds are compared exactly, not as products of doubles (1001ms * 1e6 and 1.001s * 1e9
     * differ in the last bit), and 'for all' is every strategy the scenario runs, listed or found.
     */
    @Test
    void shouldRefuseARepeatedBudgetWhateverItsUnitOrHowItNamesEveryStrategy() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: [event-only, reconcile]\nbudgets:\n"
                + "  - echo p(99) < 1001ms\n  - echo p(99) < 1.001s\n  - ack p(50) < 67ms\n  - ack p(50) < 0.067s\n"
                + "  - lost == 0 for all\n  - lost == 0 for reconcile, event-only\n";
        String found = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nstrategies: all\nbudgets:\n  - lost == 0 for event-only, reconcile\n  - lost == 0\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(3);
                    assertError(e.errors().get(0), 10, 5, "budgets[1]: 'echo p(99) < 1.001s' repeats budgets[0] at line 9");
                    assertError(e.errors().get(1), 12, 5, "budgets[3]: 'ack p(50) < 0.067s' repeats budgets[2] at line 11");
                    assertError(e.errors().get(2), 14, 5, "budgets[5]: 'lost == 0 for reconcile, event-only' repeats"
                            + " budgets[4] at line 13 ('lost == 0 for all')");
                });
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", found,
                LoaderOptions.DEFAULTS.withKnownStrategies(Set.of("reconcile", "event-only"))))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 10, 5, "budgets[1]: 'lost == 0' repeats budgets[0]")));
    }

    @Test
    void shouldReportABudgetForARoomTheScenarioDoesNotDeclareWithTheKnownRooms() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a, b]\n"
                + "rooms: [{name: room-1, members: all}, {name: room-2, members: [b]}]\n"
                + "load: {rate: 1}\nbudgets:\n  - lost == 0 in room-3 for reconcile\n  - lost == 0 in every room\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertError(e.errors().get(0), 8, 18, "budgets[0]: room 'room-3' is not declared by this scenario",
                            "did you mean 'room-1'?", "(rooms: room-1, room-2)");
                });
    }

    @Test
    void shouldReportEveryErrorOfAFileAtOnceInFileOrder() throws IOException {
        List<ValidationError> errors = errorsOf("many-errors.yaml");

        assertThat(errors).extracting(e -> e.line() + ":" + e.column()).containsExactly(
                "2:7", "4:11", "8:22", "10:9", "11:16", "12:1", "14:11", "18:14", "21:13", "23:10");
        assertThat(errors.get(5).message()).contains("unknown key 'strategy'", "did you mean 'strategies'?");
        assertThat(errors.get(9).message()).contains("unknown comparator '='");
    }

    @Test
    void shouldThrowAScenarioExceptionListingEveryErrorAsFileLineColumn() {
        Path file = invalid("many-errors.yaml");

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.errors()).hasSize(10);
                    assertThat(e.getMessage().lines()).hasSize(10)
                            .first().asString().startsWith(file + ":2:7: name must be a name");
                });
    }

    @Test
    void shouldReportAnEmptyFile() throws Exception {
        assertThatThrownBy(() -> ScenarioLoader.parse("empty.yaml", "", LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .hasToString("empty.yaml:1:1: the file holds no YAML document (a scenario is a mapping of keys)"));
    }

    @Test
    void shouldKeepServerFaultsOnTheServerWithoutDirectionAndWithTheirParameters() throws IOException {
        List<ValidationError> errors = errorsOf("server-fault-on-a-link.yaml");

        assertThat(errors).hasSize(4);
        assertError(errors.get(0), 16, 13, "faults[0].target must be server for restart",
                "it acts on the server process, not on links");
        assertError(errors.get(1), 18, 16, "faults[1].direction does not apply to pause", "upstream");
        assertError(errors.get(2), 21, 5, "missing key 'delay' in faults[2]", "a duration such as 500ms");
        assertError(errors.get(3), 25, 14, "faults[3].durable must be true or false", "yes please");
    }

    @Test
    void shouldRefuseServerFaultsThatOverlapNamingBothWindows() throws IOException {
        assertSingleError("overlapping-server-faults.yaml", 11, 1, "faults: server faults must not overlap",
                "restart 'restart#1' #0 2s..4s and pause 'stop' #0 3s..5s");
    }

    @Test
    void shouldReportAHistoryLimitBelowOneWithTheValueAndTheRule() throws IOException {
        assertSingleError("history-limit-zero.yaml", 12, 18,
                "server.history-limit must be a whole number >= 1 (messages kept per room): 0");
    }

    @Test
    void shouldReportAServerBlockThatIsNotAMappingOrHasAnUnknownKeyOrAHugeLimit() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: 50\n", LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .hasToString("t.yaml:7:9: server must be a mapping of keys, not the number 50"));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {history: 5}\n", LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 10, "unknown key 'history' in server",
                                "did you mean 'history-limit'?")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {history-limit: 3000000000}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 25,
                                "server.history-limit must be at most 2147483647 (messages kept per room): 3000000000")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {history-limit: 1.5}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 25, "server.history-limit must be a whole number")));
    }

    @Test
    void shouldBindTheTranscriptLimitIntoTheScenarioAndKeepEveryLineWithoutOne() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";

        assertThat(ScenarioLoader.parse("t.yaml", head + "clients: {transcript-limit: 2000}\n", LoaderOptions.DEFAULTS)
                .clients().transcriptLimit()).hasValue(2000);
        assertThat(ScenarioLoader.parse("t.yaml", head, LoaderOptions.DEFAULTS).clients().transcriptLimit()).isEmpty();
    }

    @Test
    void shouldReportABadTranscriptLimitWithTheValueAndTheRule() {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";
        String rule = " (lines each client keeps per room; leave it out to keep every line): ";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "clients: {transcript-limit: 0}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 29,
                                "clients.transcript-limit must be a whole number from 1 to 2147483647" + rule + "0")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "clients: {transcript-limit: 3000000000}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 29,
                                "clients.transcript-limit must be a whole number from 1 to 2147483647" + rule
                                        + "3000000000")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "clients: {transcript: 5}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 11, "unknown key 'transcript' in clients")));
    }

    @Test
    void shouldBindTheHistoryLimitIntoTheScenario() throws Exception {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nserver:\n  history-limit: 1\n";

        assertThat(ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS).server().historyLimit()).hasValue(1);
    }

    @Test
    void shouldBindTheDedupeWindowIntoTheScenarioAndLeaveTheServersDefaultWithoutOne() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";

        ServerSettings both = ScenarioLoader.parse("t.yaml", head + "server:\n  history-limit: 50\n  dedupe-window: 2000\n",
                LoaderOptions.DEFAULTS).server();
        assertThat(both.dedupeWindow()).hasValue(2000);
        assertThat(both.historyLimit()).hasValue(50);
        assertThat(ScenarioLoader.parse("t.yaml", head + "server: {history-limit: 50}\n", LoaderOptions.DEFAULTS)
                .server().dedupeWindow()).isEmpty();
    }

    @Test
    void shouldReportABadDedupeWindowWithTheValueAndTheRule() {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";
        String rule = " (client message ids whose acks the server remembers per user): ";

        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {dedupe-window: 0}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 25,
                                "server.dedupe-window must be a whole number >= 1" + rule + "0")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {dedupe-window: 3000000000}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 25,
                                "server.dedupe-window must be at most 2147483647" + rule + "3000000000")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {dedupe-window: many}\n",
                LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 25, "server.dedupe-window must be a whole number")));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml",
                head + "server: {history-limit: 0, dedupe-window: -1}\n", LoaderOptions.DEFAULTS))
                .as("both bad values are reported, not only the first")
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).hasSize(2));
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", head + "server: {dedupe: 5}\n", LoaderOptions.DEFAULTS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, 7, 10, "unknown key 'dedupe' in server",
                                "did you mean 'dedupe-window'?")));
    }

    @Test
    void shouldReportYamlSpecialFloatsAndOtherNumberSpellingsInDecimalFieldsWithTheValueAndTheRule() {
        String head = "name: t\nseed: 1\nduration: 10s\nnetwork: sim\nusers: [a, b]\nrooms: [{name: r, members: all}]\n";
        String rule = " must be a finite decimal number, such as 2, 0.5 or 1e3"
                + " (not .nan, .inf, hexadecimal, binary or with '_'): ";
        for (String value : List.of(".nan", ".NaN", ".inf", ".Inf", "-.inf", "0x10", "1_000", "0b101", "1e400")) {
            assertSingleParseError(head + "load: {rate: " + value + "}\n", 7, 14, "load.rate" + rule + value);
            assertSingleParseError(head + "load: {rate: 1, reply-share: " + value + "}\n", 7, 30,
                    "load.reply-share" + rule + value);
            assertSingleParseError(head + "load: {rate: 1}\nfaults:\n  - {type: down, at: 1s, for: 1s, target: {share: "
                    + value + "}}\n", 9, 51, "faults[0].target.share" + rule + value);
            assertSingleParseError(head + "load: {rate: 1}\nfaults:\n  - {type: message-loss, probability: " + value
                    + ", at: 1s, for: 1s}\n", 9, 39, "faults[0].probability" + rule + value);
        }
    }

    @Test
    void shouldSayAWholeNumberIsNotWrittenInPlainDecimalDigitsWhenThatIsTheProblem() {
        String tail = "duration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";
        for (String value : List.of("0x10", "1_000", "0b101")) {
            assertSingleParseError("name: t\nseed: " + value + "\n" + tail, 2, 7,
                    "seed must be a whole number in plain decimal digits, such as 1000"
                            + " (not hexadecimal, octal, binary or with '_'): " + value);
        }
        assertSingleParseError("name: t\nseed: 99999999999999999999\n" + tail, 2, 7,
                "seed must be a whole number within 64 bits: 99999999999999999999");
    }

    /**
     * A bad users.count is the one error: not also a second range error, nor rooms, room members or
     * fault targets that name users it would have made.
     */
    @Test
    void shouldReportOnlyTheFirstCauseOfABadUsersCount() {
        String rooms = "rooms: {count: 2, prefix: room}\n";
        String members = "rooms: [{name: lobby, members: [user1, user2]}]\n";
        String tail = "load: {rate: 1}\nfaults:\n  - {type: down, at: 1s, for: 1s, target: {client: user1}}\n";
        for (String rest : List.of(rooms + tail, members + tail)) {
            assertSingleParseError("name: t\nseed: 1\nduration: 4s\nusers: {count: abc}\n" + rest, 4, 16,
                    "users.count must be a whole number, not the text 'abc'");
            assertSingleParseError("name: t\nseed: 1\nduration: 4s\nusers: {count: -1}\n" + rest, 4, 16,
                    "users.count must be within 1..100000: -1");
            assertSingleParseError("name: t\nseed: 1\nduration: 4s\nusers: {prefix: u}\n" + rest, 4, 8,
                    "missing key 'count' in users (how many to generate)");
        }
    }

    private static void assertSingleParseError(String text, int line, int column, String message) {
        assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", text, LoaderOptions.DEFAULTS))
                .as(text)
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertError(error, line, column, message)));
    }

    @Test
    void shouldReportAFileThatIsNotUtf8TextAtItsFirstBadByte(@TempDir Path dir) throws IOException {
        String text = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n"
                + "description: caf\u00e9\n";
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), text.getBytes(StandardCharsets.ISO_8859_1));
        Path utf16 = Files.write(dir.resolve("utf16.yaml"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        Path utf16NoMark = Files.write(dir.resolve("utf16-no-mark.yaml"), text.getBytes(StandardCharsets.UTF_16LE));
        String rule = " (a scenario is a YAML file saved as UTF-8)";

        assertThat(ScenarioLoader.validate(latin1)).singleElement().hasToString(latin1
                + ":7:17: the file is not UTF-8 text: byte 0xE9 at offset 106 is not valid UTF-8" + rule);
        assertThat(ScenarioLoader.validate(utf16)).singleElement().hasToString(utf16
                + ":1:1: the file is not UTF-8 text: byte 0xFF at offset 0 is not valid UTF-8" + rule);
        assertThat(ScenarioLoader.validate(utf16NoMark)).singleElement().hasToString(utf16NoMark
                + ":1:2: the file is not UTF-8 text: a NUL byte at offset 1 (UTF-16 text or a binary file?)" + rule);
        assertThatThrownBy(() -> ScenarioLoader.load(latin1)).isInstanceOf(ScenarioException.class);
        assertThat(ScenarioLoader.validate(Files.writeString(dir.resolve("utf8.yaml"), text))).isEmpty();
    }

    @Test
    void shouldReportAPathThatIsNotARegularFile(@TempDir Path dir) throws IOException {
        assertThat(ScenarioLoader.validate(dir)).singleElement().hasToString(dir + ":1:1: not a regular file"
                + " (a scenario is a YAML text file): " + dir);
    }

    @Test
    void shouldRefuseARepeatingFaultWithoutCountThatMakesMoreWindowsThanTheLimit() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a, b]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nfaults:\n";
        String limit = " windows, more than the limit of 1000000 windows per fault (make every longer, or give a count)";

        assertSingleParseError(head + "  - {type: reset-peer, every: 2ns, for: 1ns}\n", 8, 31, "faults[0].every: fault"
                + " 'reset-peer#1' repeats every 2ns from 0s until the run ends at 10s: 5000000000" + limit);
        assertSingleParseError(head + "  - {type: down, name: flap, every: 8us, for: 1us, at: 1s, arrival: poisson}\n",
                8, 37, "faults[0].every: fault 'flap' repeats every 8us from 1s until the run ends at 10s: 1125000"
                        + limit);
        Scenario atTheLimit = ScenarioLoader.parse("t.yaml",
                head + "  - {type: down, every: 9us, for: 1us, at: 1s}\n", LoaderOptions.DEFAULTS);
        assertThat(dev.livetalk.scenarios.fault.FaultSchedule.resolve(atTheLimit).windows()).hasSize(1_000_000);
    }

    @Test
    void shouldRefuseARatePerSenderAboveTheLimitWithTheValueAndTheRule() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a, b]\nrooms: [{name: r, members: all}]\n";
        for (String value : List.of("1e10", "1e300", "1000.5", "1001")) {
            assertSingleParseError(head + "load: {rate: " + value + "}\n", 6, 14,
                    "load.rate must be at most 1000 messages/s per sender (one send a millisecond): " + value);
        }
        assertThat(ScenarioLoader.parse("t.yaml", head + "load: {rate: 1000}\n", LoaderOptions.DEFAULTS)
                .load().ratePerSender()).isEqualTo(1000.0);
        assertThat(ScenarioLoader.parse("t.yaml", head + "load: {rate: 1e-300}\n", LoaderOptions.DEFAULTS)
                .load().ratePerSender()).as("a rate too small to send anything is allowed").isEqualTo(1e-300);
        assertThatThrownBy(() -> new Load(1e10, Arrival.CONSTANT, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1000 messages/s per sender");
    }

    @Test
    void shouldRefuseALoadWhoseUsersTogetherSendMoreThanTheHarnessPlays() throws Exception {
        String head = "name: t\nseed: 1\nduration: 10s\nusers: {count: 100000}\nrooms: {count: 10000}\n";
        String rule = "load.rate times the users that send (those in a room) must be at most 100000 messages/s in all"
                + " (more does not play in reasonable time, even in the simulator): ";
        assertSingleParseError(head + "load: {rate: 1000}\n", 6, 14,
                rule + "1000 messages/s from each of 100000 users = 100000000 messages/s");
        assertSingleParseError(head + "load: {rate: 1.5}\n", 6, 14,
                rule + "1.5 messages/s from each of 100000 users = 150000 messages/s");
        assertThat(ScenarioLoader.parse("t.yaml", head + "load: {rate: 1}\n", LoaderOptions.DEFAULTS).load()
                .totalRate(100_000)).as("the bound itself").isEqualTo(100_000.0);
        String fewSend = "name: t\nseed: 1\nduration: 10s\nusers: {count: 1000}\nrooms: [{name: r, members: [user0001]}]\n";
        assertThat(ScenarioLoader.parse("t.yaml", fewSend + "load: {rate: 1000}\n", LoaderOptions.DEFAULTS).users())
                .as("users in no room send nothing").hasSize(1000);
        Scenario one = ScenarioLoader.parse("t.yaml", head + "load: {rate: 1}\n", LoaderOptions.DEFAULTS);
        assertThatThrownBy(() -> new Scenario(one.name(), "", 1, one.network(), one.duration(), one.warmup(),
                one.quiesce(), one.users(), one.rooms(), one.clientShape(), new Load(2, Arrival.CONSTANT, 0),
                one.strategies(), one.faults(), one.budgets(), one.server()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the load must be at most 100000 messages/s in all (the rate times the users in a room):"
                        + " 2.0 messages/s from each of 100000 users");
    }

    @Test
    void shouldRefuseUserRoomAndFaultNamesLongerThanWhereTheyGo() throws Exception {
        String protocol = " characters (the wire protocol's limit on user ids and room names): ";
        String user = "u".repeat(65);
        assertSingleParseError("name: t\nseed: 1\nduration: 10s\nusers: [a, " + user + "]\n"
                        + "rooms: [{name: r, members: all}]\nload: {rate: 1}\n", 4, 12,
                "users[1] must be at most 64" + protocol + "65 characters, '" + "u".repeat(20) + "...'");
        String room = "r".repeat(1_000_000);
        assertSingleParseError("name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: " + room
                        + ", members: all}]\nload: {rate: 1}\n", 5, 16,
                "rooms[0].name must be at most 64" + protocol + "1000000 characters, '" + "r".repeat(20) + "...'");
        assertSingleParseError("name: t\nseed: 1\nduration: 10s\nusers: {count: 1000, prefix: " + "p".repeat(61)
                        + "}\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n", 4, 30,
                "users.prefix must be at most 60 characters (with the 4 digits of count after it, a name of at most 64:"
                        + " the wire protocol's limit on user ids and room names): 61 characters, '" + "p".repeat(20)
                        + "...'");
        String head = "name: t\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\n"
                + "load: {rate: 1}\nfaults:\n  - {type: down, at: 1s, for: 1s, name: ";
        assertSingleParseError(head + "f".repeat(101) + "}\n", 8, 41, "faults[0].name must be at most 100 characters"
                + " (it is written with each of its windows into the schedule, the results, the ledger and the report):"
                + " 101 characters, '" + "f".repeat(20) + "...'");

        Scenario longest = ScenarioLoader.parse("t.yaml", "name: t\nseed: 1\nduration: 10s\nusers: ["
                + "u".repeat(64) + "]\nrooms: [{name: " + "r".repeat(64) + ", members: all}]\nload: {rate: 1}\n",
                LoaderOptions.DEFAULTS);
        assertThat(longest.users()).containsExactly("u".repeat(64));
        assertThat(longest.rooms()).extracting(Room::name).containsExactly("r".repeat(64));
        assertThat(ScenarioLoader.parse("t.yaml", head + "f".repeat(100) + "}\n", LoaderOptions.DEFAULTS).faults())
                .singleElement().satisfies(f -> assertThat(f.name()).hasSize(100));
        assertThat(ScenarioLoader.parse("t.yaml", "name: t\nseed: 1\nduration: 10s\nusers: {count: 1000, prefix: "
                + "p".repeat(60) + "}\nrooms: {count: 10, prefix: " + "q".repeat(62) + "}\nload: {rate: 1}\n",
                LoaderOptions.DEFAULTS).rooms()).extracting(Room::name).contains("q".repeat(62) + "10");
    }

    @Test
    void shouldRefuseAScenarioNameLongerThanAFolderNameShouldBe() throws Exception {
        String tail = "\nseed: 1\nduration: 10s\nusers: [a]\nrooms: [{name: r, members: all}]\nload: {rate: 1}\n";
        String rule = "name must be at most 100 characters (it names the run's output folder and chart files): ";
        for (int length : new int[] {101, 300, 100_000}) {
            assertSingleParseError("name: " + "n".repeat(length) + tail, 1, 7,
                    rule + length + " characters, '" + "n".repeat(20) + "...'");
        }
        assertThat(ScenarioLoader.parse("t.yaml", "name: " + "n".repeat(100) + tail, LoaderOptions.DEFAULTS).name())
                .hasSize(100);
        assertSingleParseError("name: ../up" + tail, 1, 7, "name must be a name of letters, digits, '_', '.' and '-'");
    }
}
