package dev.livetalk.server;

import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteHistoryStoreTest {
    private static final Supplier<String> NO_FRESH_EPOCH = () -> {
        throw new AssertionError("an existing history must keep its epoch");
    };

    @TempDir
    Path dir;

    private static Message message(String epoch, String room, long seq, String body) {
        return new Message(room, seq, ServerHistory.messageId(epoch, room, seq), "c-" + room + "-" + seq, "alice",
                body, seq > 1 ? ServerHistory.messageId(epoch, room, seq - 1) : null, 1_700_000_000_000L + seq);
    }

    @Test
    void shouldGiveBackEveryRoomsLastMessagesAndTheEpochAfterReopening() throws Exception {
        Random random = new Random(16);
        List<Message> lobby = new ArrayList<>();
        List<Message> ops = new ArrayList<>();
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, null, () -> "e-first")) {
            assertThat(store.recover(10).rooms()).isEmpty();
            for (int batch = 0; batch < 20; batch++) {
                List<Message> messages = new ArrayList<>();
                for (int i = random.nextInt(5); i >= 0; i--) {
                    List<Message> log = random.nextBoolean() ? lobby : ops;
                    Message m = message("e-first", log == lobby ? "lobby" : "ops", log.size() + 1, "body " + random.nextLong());
                    log.add(m);
                    messages.add(m);
                }
                store.append(messages);
            }
        }
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, null, NO_FRESH_EPOCH)) {
            ServerHistory history = store.recover(10);
            assertThat(history.epoch()).isEqualTo("e-first");
            assertThat(history.rooms().get("lobby")).isEqualTo(lobby.subList(Math.max(0, lobby.size() - 10), lobby.size()));
            assertThat(history.rooms().get("ops")).isEqualTo(ops.subList(Math.max(0, ops.size() - 10), ops.size()));
            assertThat(store.recover(1_000).rooms().get("lobby")).isEqualTo(lobby);
        }
    }

    @Test
    void shouldChooseTheEpochOnceAndKeepTheConfiguredOne() throws Exception {
        AtomicInteger fresh = new AtomicInteger();
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir.resolve("a"), null, () -> "e" + fresh.incrementAndGet())) {
            assertThat(store.epoch()).isEqualTo("e1");
        }
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir.resolve("a"), null, () -> "e" + fresh.incrementAndGet())) {
            assertThat(store.epoch()).isEqualTo("e1");
        }
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir.resolve("b"), "given", NO_FRESH_EPOCH)) {
            assertThat(store.epoch()).isEqualTo("given");
        }
        assertThatThrownBy(() -> SqliteHistoryStore.open(dir.resolve("b"), "other", NO_FRESH_EPOCH))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining(dir.resolve("b").resolve("history.db").toString())
                .hasMessageContaining("holds the history of epoch given; the configured epoch other must match it");
    }

    @Test
    void shouldRefuseAFileThatIsNotADatabaseNamingIt() throws Exception {
        Path file = dir.resolve(SqliteHistoryStore.FILE_NAME);
        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        Files.write(file, garbage);

        assertThatThrownBy(() -> SqliteHistoryStore.open(dir, null, () -> "e"))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("durable history " + file + ": ")
                .hasMessageContaining("not a database");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void shouldRefuseAnotherDatabaseAndAGapInARoom() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve("history.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders(id INTEGER)");
        }
        assertThatThrownBy(() -> SqliteHistoryStore.open(other, null, () -> "e"))
                .hasMessageContaining("not a LiveTalk history: its tables must be [messages, meta], but are [orders]");

        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, null, () -> "e")) {
            store.append(List.of(message("e", "lobby", 1, "one"), message("e", "lobby", 3, "three")));
        }
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, null, NO_FRESH_EPOCH)) {
            assertThatThrownBy(() -> store.recover(10))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessageContaining("room lobby must hold seqs 1..3 without gaps, but holds 2 messages from seq 1");
        }
    }

    @Test
    void shouldRefuseASecondServerOnTheSameFolder() throws Exception {
        try (SqliteHistoryStore first = SqliteHistoryStore.open(dir, null, () -> "e")) {
            assertThatThrownBy(() -> SqliteHistoryStore.open(dir, null, NO_FRESH_EPOCH))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessage("durable history " + first.file() + ": is in use by another server (the file is locked);"
                            + " one server per data folder");
        }
        try (SqliteHistoryStore again = SqliteHistoryStore.open(dir, null, NO_FRESH_EPOCH)) {
            assertThat(again.epoch()).isEqualTo("e");
        }
    }

    @Test
    void shouldRefuseADataFolderThatIsAFile() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "not a folder");
        assertThatThrownBy(() -> SqliteHistoryStore.open(file, null, () -> "e"))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining("the data folder " + file + " must be a directory, but it is a file");
    }

    @Test
    void shouldWriteABatchAllOrNothing() throws Exception {
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, null, () -> "e")) {
            store.append(List.of(message("e", "lobby", 1, "one")));
            assertThatThrownBy(() -> store.append(List.of(message("e", "lobby", 2, "two"), message("e", "lobby", 1, "dup"))))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessageContaining("cannot commit 2 messages");
            assertThat(store.recover(10).rooms().get("lobby")).extracting(Message::body).containsExactly("one");
        }
    }
}
