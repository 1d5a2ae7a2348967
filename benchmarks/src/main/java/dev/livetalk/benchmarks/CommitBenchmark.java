package dev.livetalk.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a group commit of chat messages costs in the two embedded databases the reference
 * server could keep its durable history in: SQLite (sqlite-jdbc, WAL journal) and H2
 * (MVStore). One thread appends batches of messages, one transaction per batch, each commit
 * synced as its engine's policy says, into a fresh database file, and records each commit's
 * latency. A plain bounded harness rather than JMH: the figure wanted is a latency
 * distribution of an operation that waits for the disk, which JMH's sample mode would give
 * too, but with a fork per database file and no way to keep the file's growth bounded.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.livetalk.benchmarks.CommitBenchmark
 * [--commits N] [--seconds S] [--runs R] [--dir D] [engine ...]}, engines among
 * {@code sqlite-full sqlite-normal h2-sync h2-nosync} (default: all). Each engine runs batch
 * sizes 1, 16 and 64, {@code R} times each (default 3), each run bounded by {@code N} commits
 * (default 5,000) and {@code S} seconds (default 10), after a warm-up of 200 commits.
 * Prints one line per run: commits/s, messages/s, commit latency p50, p99, max.
 *
 * <p>Single-threaded.
 */
public final class CommitBenchmark {
    private static final int[] BATCHES = {1, 16, 64};
    private static final int WARM_UP = 200;
    private static final String BODY = "hello from the commit benchmark, a chat line of typical length";

    private CommitBenchmark() {
    }

    /** The engines and their sync policies. */
    enum Engine {
        /** SQLite, WAL, synchronous=FULL: the WAL is fsynced on every commit. */
        SQLITE_FULL("sqlite-full"),
        /** SQLite, WAL, synchronous=NORMAL: written to the OS on commit, fsynced at checkpoints only. */
        SQLITE_NORMAL("sqlite-normal"),
        /** H2 MVStore, WRITE_DELAY 0 and CHECKPOINT SYNC after each commit: written and fsynced. */
        H2_SYNC("h2-sync"),
        /** H2 MVStore, WRITE_DELAY 0: written to the OS on commit, no fsync. */
        H2_NOSYNC("h2-nosync");

        final String label;

        Engine(String label) {
            this.label = label;
        }

        static Engine of(String label) {
            for (Engine e : values()) {
                if (e.label.equals(label)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("engine must be one of sqlite-full, sqlite-normal, h2-sync, h2-nosync: "
                    + label);
        }
    }

    public static void main(String[] args) throws Exception {
        int commits = 5_000;
        int seconds = 10;
        int runs = 3;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        List<Engine> engines = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commits" -> commits = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> engines.add(Engine.of(args[i]));
            }
        }
        if (engines.isEmpty()) {
            engines = List.of(Engine.values());
        }
        System.out.println("engine          batch run   commits/s  messages/s   p50 ms   p99 ms   max ms");
        for (Engine engine : engines) {
            for (int batch : BATCHES) {
                for (int run = 1; run <= runs; run++) {
                    Path work = Files.createTempDirectory(dir, "commit-bench-");
                    try {
                        Result r = run(engine, batch, work, commits, seconds * 1_000_000_000L);
                        System.out.printf(Locale.ROOT, "%-15s %5d %3d %11.0f %11.0f %8.3f %8.3f %8.3f%n", engine.label,
                                batch, run, r.commitsPerSecond(), r.commitsPerSecond() * batch,
                                r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6,
                                r.latency().getMaxValue() / 1e6);
                    } finally {
                        deleteTree(work);
                    }
                }
            }
        }
    }

    record Result(double commitsPerSecond, Histogram latency) {
    }

    static Result run(Engine engine, int batch, Path work, int commits, long maxNanos) throws SQLException {
        try (Connection c = open(engine, work)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO messages(room, seq, id, client_msg_id, sender, body, reply_to, server_time)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 Statement sync = c.createStatement()) {
                long seq = 0;
                for (int i = 0; i < WARM_UP; i++) {
                    seq = commitBatch(engine, c, insert, sync, seq, batch);
                }
                Histogram latency = new Histogram(3_600_000_000_000L, 3);
                long start = System.nanoTime();
                int done = 0;
                while (done < commits && System.nanoTime() - start < maxNanos) {
                    long t0 = System.nanoTime();
                    seq = commitBatch(engine, c, insert, sync, seq, batch);
                    latency.recordValue(System.nanoTime() - t0);
                    done++;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                return new Result(done / elapsed, latency);
            }
        }
    }

    private static long commitBatch(Engine engine, Connection c, PreparedStatement insert, Statement sync, long seq,
                                    int batch) throws SQLException {
        for (int i = 0; i < batch; i++) {
            seq++;
            insert.setString(1, "room-" + (seq % 4));
            insert.setLong(2, seq);
            insert.setString(3, "room-" + (seq % 4) + ":" + seq + ".0badcafe");
            insert.setString(4, "c-" + seq);
            insert.setString(5, "user-" + (seq % 10));
            insert.setString(6, BODY);
            insert.setString(7, null);
            insert.setLong(8, 1_700_000_000_000L + seq);
            insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
        if (engine == Engine.H2_SYNC) {
            sync.execute("CHECKPOINT SYNC");
        }
        return seq;
    }

    private static Connection open(Engine engine, Path work) throws SQLException {
        String table = "CREATE TABLE messages(room VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, id VARCHAR(128) NOT NULL,"
                + " client_msg_id VARCHAR(128) NOT NULL, sender VARCHAR(64) NOT NULL, body VARCHAR(16384) NOT NULL,"
                + " reply_to VARCHAR(128), server_time BIGINT NOT NULL, PRIMARY KEY (room, seq))";
        Connection c;
        switch (engine) {
            case SQLITE_FULL, SQLITE_NORMAL -> {
                c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve("history.db"));
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=" + (engine == Engine.SQLITE_FULL ? "FULL" : "NORMAL"));
                    s.execute(table + " WITHOUT ROWID");
                }
            }
            default -> {
                c = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("history").toAbsolutePath()
                        + ";WRITE_DELAY=0");
                try (Statement s = c.createStatement()) {
                    s.execute(table);
                }
            }
        }
        return c;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
