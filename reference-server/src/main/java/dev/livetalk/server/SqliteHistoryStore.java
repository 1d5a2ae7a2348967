package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The durable history in one SQLite file, {@code history.db} in the data folder, through
 * sqlite-jdbc: journal in WAL mode with {@code synchronous=FULL}, so a commit returns only
 * once the write-ahead log is fsynced; {@code locking_mode=EXCLUSIVE}, so a second server on
 * the same folder is refused instead of sharing it. Table {@code meta} keeps the schema
 * version and the epoch (chosen on the first start, reused after); table {@code messages}
 * keeps every committed message, keyed by room and seq.
 *
 * <p>Opened on the thread that starts the server, then used by the committer thread only
 * (the thread start orders the two); never by two threads at once.
 */
final class SqliteHistoryStore implements HistoryStore {
    /** The file's name inside the data folder. */
    static final String FILE_NAME = "history.db";
    private static final String SCHEMA_VERSION = "1";
    /** SQLite's result code for a file locked by another connection. */
    private static final int SQLITE_BUSY = 5;
    private static final String COLUMNS = "room, seq, id, client_msg_id, sender, body, reply_to, server_time";

    private final Path file;
    private final Connection connection;
    private final String epoch;
    private final PreparedStatement insert;

    private SqliteHistoryStore(Path file, Connection connection, String epoch) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.epoch = epoch;
        this.insert = connection.prepareStatement("INSERT INTO messages(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Opens (or creates) the history in {@code dataDir}, creating the folder if needed.
     *
     * @param configuredEpoch the epoch the configuration asks for, or {@code null}; on an
     *                        existing history it must match the stored one
     * @param freshEpoch      gives the epoch of a new history when none is configured
     * @throws HistoryStoreException naming the file and what is wrong: not a folder, not
     *                               writable, not a database, not a LiveTalk history, damaged,
     *                               another epoch, in use by another server
     */
    static SqliteHistoryStore open(Path dataDir, String configuredEpoch, Supplier<String> freshEpoch)
            throws HistoryStoreException {
        Path file = dataDir.resolve(FILE_NAME);
        prepareFolder(dataDir, file);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA locking_mode=EXCLUSIVE");
                expectPragma(s, "PRAGMA journal_mode=WAL", "wal", file);
                s.execute("PRAGMA synchronous=FULL");
                s.execute("BEGIN EXCLUSIVE");
                s.execute("COMMIT");
                expectPragma(s, "PRAGMA quick_check", "ok", file);
            }
            String epoch = schema(c, file, configuredEpoch, freshEpoch);
            c.setAutoCommit(false);
            return new SqliteHistoryStore(file, c, epoch);
        } catch (SQLException e) {
            closeQuietly(c);
            if (e.getErrorCode() == SQLITE_BUSY) {
                throw new HistoryStoreException(file, "is in use by another server (the file is locked);"
                        + " one server per data folder", e);
            }
            throw new HistoryStoreException(file, "cannot open it as a SQLite database: " + e.getMessage(), e);
        } catch (HistoryStoreException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public ServerHistory recover(int historyLimit) throws HistoryStoreException {
        Map<String, List<Message>> rooms = new LinkedHashMap<>();
        try (PreparedStatement heads = connection.prepareStatement(
                "SELECT room, MAX(seq), COUNT(*), MIN(seq) FROM messages GROUP BY room ORDER BY room");
             PreparedStatement tail = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM messages WHERE room = ? AND seq > ? ORDER BY seq");
             ResultSet r = heads.executeQuery()) {
            while (r.next()) {
                String room = r.getString(1);
                long head = r.getLong(2);
                if (r.getLong(3) != head || r.getLong(4) != 1) {
                    throw new HistoryStoreException(file, "room " + room + " must hold seqs 1.." + head
                            + " without gaps, but holds " + r.getLong(3) + " messages from seq " + r.getLong(4));
                }
                tail.setString(1, room);
                tail.setLong(2, head - historyLimit);
                rooms.put(room, readMessages(tail));
            }
            connection.commit();
            return new ServerHistory(epoch, rooms);
        } catch (SQLException e) {
            throw new HistoryStoreException(file, "cannot read the messages: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new HistoryStoreException(file, "the stored messages are not a valid history: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(List<Message> messages) throws HistoryStoreException {
        try {
            for (Message m : messages) {
                insert.setString(1, m.room());
                insert.setLong(2, m.seq());
                insert.setString(3, m.id());
                insert.setString(4, m.clientMsgId());
                insert.setString(5, m.from());
                insert.setString(6, m.body());
                insert.setString(7, m.replyTo());
                insert.setLong(8, m.serverTime());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new HistoryStoreException(file, "cannot commit " + messages.size() + " messages: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws HistoryStoreException {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            throw new HistoryStoreException(file, "cannot close it: " + e.getMessage(), e);
        }
    }

    private List<Message> readMessages(PreparedStatement tail) throws SQLException {
        List<Message> messages = new ArrayList<>();
        try (ResultSet m = tail.executeQuery()) {
            while (m.next()) {
                messages.add(new Message(m.getString(1), m.getLong(2), m.getString(3), m.getString(4),
                        m.getString(5), m.getString(6), m.getString(7), m.getLong(8)));
            }
        }
        return messages;
    }

    private static void prepareFolder(Path dataDir, Path file) throws HistoryStoreException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new HistoryStoreException(file, "the data folder " + dataDir + " must be a directory, but it is a file");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new HistoryStoreException(file, "cannot create the data folder " + dataDir + ": " + e, e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new HistoryStoreException(file, "the data folder " + dataDir + " must be writable");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new HistoryStoreException(file, "must be a regular file");
        }
    }

    /** Creates the tables of a new history, or checks those of an existing one; returns the epoch. */
    private static String schema(Connection c, Path file, String configuredEpoch, Supplier<String> freshEpoch)
            throws SQLException, HistoryStoreException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        if (tables.isEmpty()) {
            String epoch = configuredEpoch != null ? configuredEpoch : freshEpoch.get();
            create(c, epoch);
            return epoch;
        }
        if (!tables.equals(List.of("messages", "meta"))) {
            throw new HistoryStoreException(file, "not a LiveTalk history: its tables must be [messages, meta], but are "
                    + tables);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM meta")) {
            while (r.next()) {
                meta.put(r.getString(1), r.getString(2));
            }
        }
        if (!SCHEMA_VERSION.equals(meta.get("schema"))) {
            throw new HistoryStoreException(file, "schema version must be " + SCHEMA_VERSION + ": " + meta.get("schema"));
        }
        String epoch = meta.get("epoch");
        if (epoch == null || epoch.isEmpty() || epoch.length() > 64) {
            throw new HistoryStoreException(file, "the stored epoch must be 1-64 characters long: " + epoch);
        }
        if (configuredEpoch != null && !configuredEpoch.equals(epoch)) {
            throw new HistoryStoreException(file, "holds the history of epoch " + epoch
                    + "; the configured epoch " + configuredEpoch + " must match it (or be left unset)");
        }
        return epoch;
    }

    private static void create(Connection c, String epoch) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE messages(room TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL,"
                    + " client_msg_id TEXT NOT NULL, sender TEXT NOT NULL, body TEXT NOT NULL, reply_to TEXT,"
                    + " server_time INTEGER NOT NULL, PRIMARY KEY (room, seq)) WITHOUT ROWID");
        }
        try (PreparedStatement meta = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
            meta.setString(1, "schema");
            meta.setString(2, SCHEMA_VERSION);
            meta.addBatch();
            meta.setString(1, "epoch");
            meta.setString(2, epoch);
            meta.addBatch();
            meta.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void expectPragma(Statement s, String pragma, String expected, Path file)
            throws SQLException, HistoryStoreException {
        try (ResultSet r = s.executeQuery(pragma)) {
            String got = r.next() ? r.getString(1) : null;
            if (!expected.equalsIgnoreCase(got)) {
                throw new HistoryStoreException(file, pragma + " must answer " + expected + ", but answered " + got);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // the open failed already; its error is the one to report
        }
    }
}
