package dev.livetalk.simulator;

import dev.livetalk.metrics.ledger.ConnectRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.scenarios.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ledger is read without our code: every SQL block of docs/LEDGER.md runs in DuckDB over
 * the ledger of a simulated lost-ack run (reconcile and naive-retry, the strategies the page
 * names), and the figures DuckDB finds agree with the run's trace.
 */
class LedgerQueriesTest {
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
    @TempDir
    static Path scenarioFolder;
    private static final Map<String, Ledger> LEDGERS = new LinkedHashMap<>();

    @BeforeAll
    static void writeTheLedgers() throws IOException {
        Scenario lostAck = Scenarios.library("lost-ack.yaml");
        for (String strategy : List.of("reconcile", "naive-retry")) {
            SimulationResult result = new SimulatedRun(lostAck, strategy, lostAck.seed(), SimSettings.DEFAULTS).play();
            Ledger ledger = Ledger.of(ReplayedRun.of(result.trace()));
            LEDGERS.put(strategy, ledger);
            LedgerFiles.write(scenarioFolder.resolve("ledger").resolve(strategy),
                    new LedgerFiles.Stamp(lostAck.name(), strategy, lostAck.seed()), ledger);
        }
    }

    @Test
    void shouldRunEveryQueryOfTheLedgersPageInDuckDb() throws Exception {
        List<String> queries = queries();
        assertThat(queries).as("SQL blocks in docs/LEDGER.md").hasSizeGreaterThanOrEqualTo(8);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String query : queries) {
                List<List<Object>> rows = run(duck, query);
                if (query.contains("sender_saw_read_us < first_shown_us")) {
                    assertThat(rows).as("no recipient's read receipt before it showed the message:%n%s", query)
                            .isEmpty();
                } else {
                    assertThat(rows).as("rows of%n%s", query).isNotEmpty();
                }
            }
        }
    }

    @Test
    void shouldFindInDuckDbTheLostPairsTheLedgerHolds() throws Exception {
        String lostQuery = queries().get(0);
        long lost = LEDGERS.get("naive-retry").deliveries().stream()
                .filter(d -> d.seq() != null && d.lines() == 0).count();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(lost).as("naive-retry loses messages when acks are lost").isPositive();
            assertThat(run(duck, lostQuery)).containsExactly(List.of("naive-retry", lost));
        }
    }

    /**
     * DuckDB's count of each client's attempts and failures after each fault window, and when its last failure and
     * first opening came, are the ledger's.
     */
    @Test
    void shouldFindInDuckDbTheAttemptsTheLedgerHolds() throws Exception {
        Ledger ledger = LEDGERS.get("reconcile");
        List<List<Object>> expected = new ArrayList<>();
        for (FaultRow fault : ledger.faults()) {
            Map<String, List<ConnectRow>> byClient = new java.util.TreeMap<>();
            for (ConnectRow row : ledger.connects()) {
                if (row.beganUs() >= fault.startUs() && row.beganUs() < fault.endUs() + 10_000_000L) {
                    byClient.computeIfAbsent(row.client(), c -> new ArrayList<>()).add(row);
                }
            }
            byClient.forEach((client, rows) -> expected.add(List.of(fault.fault(), (long) fault.occurrence(), client,
                    (long) rows.size(), rows.stream().filter(r -> !r.opened()).count(),
                    (rows.stream().filter(r -> !r.opened()).mapToLong(ConnectRow::endedUs).max().orElseThrow()
                            - fault.endUs()) / 1000.0,
                    (rows.stream().filter(ConnectRow::opened).mapToLong(ConnectRow::endedUs).min().orElseThrow()
                            - fault.endUs()) / 1000.0)));
        }
        expected.sort(java.util.Comparator.comparing((List<Object> r) -> (String) r.get(0))
                .thenComparing(r -> (Long) r.get(1)).thenComparing(r -> (String) r.get(2))); // the query's order
        String query = queries().stream().filter(q -> q.contains("connects.jsonl.gz")).findFirst().orElseThrow();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(expected).as("attempts after lost-ack's windows, each client's failed then opened").isNotEmpty();
            List<List<Object>> found = run(duck, query);
            assertThat(found).map(row -> row.subList(0, 5)).containsExactlyElementsOf(
                    expected.stream().map(row -> row.subList(0, 5)).toList());
            for (int i = 0; i < found.size(); i++) {
                for (int column = 5; column <= 6; column++) {
                    assertThat((Double) found.get(i).get(column)).as("row %d column %d", i, column)
                            .isCloseTo((Double) expected.get(i).get(column), within(0.051));
                }
            }
        }
    }

    /**
     * A run without reconnects has an empty connects table (docs/LEDGER.md says so): the page's query of it finds
     * no rows there, where DuckDB cannot guess the columns of an empty file.
     */
    @Test
    void shouldRunTheConnectsQueryOverARunWithoutAttempts(@TempDir Path other) throws Exception {
        Ledger lostAck = LEDGERS.get("reconcile");
        Ledger without = new Ledger(lostAck.messages(), lostAck.deliveries(), lostAck.transcripts(), lostAck.markers(),
                lostAck.receipts(), lostAck.faults(), lostAck.welcomes(), lostAck.refetches());
        LedgerFiles.write(other.resolve("ledger").resolve("reconcile"),
                new LedgerFiles.Stamp("lost-ack", "reconcile", 1), without);
        String query = queries().stream().filter(q -> q.contains("connects.jsonl.gz")).findFirst().orElseThrow()
                .replace(scenarioFolder.resolve("ledger").toString().replace('\\', '/'),
                        other.resolve("ledger").toString().replace('\\', '/'));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(run(duck, query)).isEmpty();
        }
    }

    private static List<String> queries() throws IOException {
        String page = Files.readString(Scenarios.libraryFolder().getParent().resolve("docs/LEDGER.md"));
        List<String> queries = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(page);
        while (block.find()) {
            String ledger = scenarioFolder.resolve("ledger").toString().replace('\\', '/');
            queries.add(block.group(1).replace("'ledger/", "'" + ledger + "/").trim().replaceAll(";$", ""));
        }
        return queries;
    }

    private static List<List<Object>> run(Connection duck, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = duck.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof Number n && !(value instanceof Double) ? n.longValue() : value);
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin the query:\n" + query, e);
        }
        return rows;
    }
}
