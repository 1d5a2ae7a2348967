package dev.livetalk.metrics.ledger;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerWriterTest {
    private static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("rooms-test", "test", 11);
    private static final String[] ROOMS = {"alpha", "beta", "gamma", "delta"};

    /**
     * Six users in four rooms (each in two or more), seeded: sends, commits, placements, markers,
     * reads, receipts and refetches at whole milliseconds from a short span, so that rows of
     * different rooms (and of one room) share their time and the merge's ties are tested.
     */
    static RunTrace run(long seed) {
        Random random = new Random(seed);
        TraceFixture run = new TraceFixture("test", 1_000);
        run.window("outage", 1_040, 1_050, "u1");
        List<Client> users = new ArrayList<>();
        Map<String, List<Client>> members = new HashMap<>();
        for (int u = 0; u < 6; u++) {
            Client client = run.client("u" + u);
            client.welcome("main", "e1", 999 - u % 3);
            users.add(client);
            for (int r = 0; r < ROOMS.length; r++) {
                if (r == u % ROOMS.length || r == (u + 1) % ROOMS.length || random.nextInt(3) == 0) {
                    client.join(ROOMS[r], 0);
                    members.computeIfAbsent(ROOMS[r], k -> new ArrayList<>()).add(client);
                }
            }
        }
        Map<String, Integer> seqs = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            String room = ROOMS[random.nextInt(ROOMS.length)];
            List<Client> in = members.get(room);
            Client sender = in.get(random.nextInt(in.size()));
            String id = "c" + i;
            double at = 1_000 + random.nextInt(40);
            sender.send(room, id, at, at, at + 1).transmit(room, id, at + 1);
            if (random.nextInt(10) == 0) {
                continue; // never committed
            }
            Message m = run.commit(room, sender.id().replaceFirst("-.*", ""), id, at + 2);
            int seq = seqs.merge(room, 1, Integer::sum);
            sender.ackBySeq(id, m, at + 3);
            for (Client member : in) {
                if (member == sender || random.nextInt(5) == 0) {
                    continue;
                }
                double shown = at + 3 + random.nextInt(4);
                member.place(m, shown).marker(room, ReceiptKind.DELIVERED, seq, shown + 1);
                sender.receipt(room, member.id().replaceFirst("-.*", ""), ReceiptKind.DELIVERED, seq, shown + 2);
                if (random.nextBoolean()) {
                    member.read(room, seq, shown + 2).marker(room, ReceiptKind.READ, seq, shown + 2);
                }
            }
            if (random.nextInt(8) == 0) {
                in.get(random.nextInt(in.size())).refetch(room, "history", 3, 300, at + 5);
            }
        }
        return run.build();
    }

    /** The ledger of every room, streamed through {@link LedgerWriter} into {@code folder}. */
    static LedgerWriter.Written stream(RunTrace trace, Path folder) throws IOException {
        RoomSlices slices = RoomSlices.of(trace);
        try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null)) {
            for (String room : slices.rooms()) {
                writer.add(ReplayedRun.of(slices, room));
            }
            return writer.finish();
        }
    }

    @Test
    void shouldWriteTheRowsOfTheLedgerBuiltInMemoryInItsOrder(@TempDir Path dir) throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            RunTrace trace = run(seed);
            RoomSlices slices = RoomSlices.of(trace);
            LedgerBuilder inMemory = new LedgerBuilder(slices.run());
            slices.rooms().forEach(room -> inMemory.add(ReplayedRun.of(slices, room)));
            Ledger ledger = inMemory.build();
            assertThat(slices.rooms()).hasSize(ROOMS.length);
            assertThat(tiesAcrossRooms(ledger.markers().stream().map(m -> m.room() + " " + m.atUs()).toList()))
                    .as("markers of two rooms at one time (the merge's ties)").isTrue();
            assertThat(ledger.refetches()).isNotEmpty();

            Path expected = dir.resolve("memory-" + seed);
            LedgerFiles.write(expected, STAMP, ledger);
            Path streamed = dir.resolve("streamed-" + seed);
            LedgerWriter.Written written = stream(trace, streamed);

            for (LedgerTable table : LedgerTable.values()) {
                assertThat(lines(streamed.resolve(table.fileName()))).as("seed " + seed + " " + table)
                        .containsExactlyElementsOf(lines(expected.resolve(table.fileName())));
            }
            assertThat(LedgerFiles.read(streamed)).isEqualTo(ledger);
            assertThat(written.pairs()).isEqualTo(ledger.pairs());
            assertThat(written.messages()).isEqualTo(ledger.messages().size());
            assertThat(Files.readString(streamed.resolve(LedgerFiles.SCHEMA_FILE)))
                    .isEqualTo(Files.readString(expected.resolve(LedgerFiles.SCHEMA_FILE)));
        }
    }

    @Test
    void shouldWriteTheSameRowsInChunksOfAFewRows(@TempDir Path dir) throws IOException {
        RunTrace trace = run(2);
        RoomSlices memory = RoomSlices.of(trace);
        LedgerBuilder inMemory = new LedgerBuilder(memory.run());
        memory.rooms().forEach(room -> inMemory.add(ReplayedRun.of(memory, room)));
        Ledger ledger = inMemory.build();
        Path expected = dir.resolve("memory");
        LedgerFiles.write(expected, STAMP, ledger);
        for (int chunkRows : new int[] {1, 3, 7}) {
            RoomSlices slices = RoomSlices.of(trace);
            Path streamed = dir.resolve("chunks-" + chunkRows);
            List<Ledger> parts = new ArrayList<>();
            LedgerWriter.Written written;
            try (LedgerWriter writer = LedgerWriter.open(streamed, STAMP, slices.run(), parts::add,
                    LedgerWriter.Opener.FILES, chunkRows)) {
                for (String room : slices.rooms()) {
                    writer.add(ReplayedRun.of(slices, room));
                }
                written = writer.finish();
            }
            assertThat(ledger.receipts().size()).as("more rows than a chunk").isGreaterThan(10 * chunkRows);
            for (LedgerTable table : LedgerTable.values()) {
                assertThat(lines(streamed.resolve(table.fileName()))).as("chunks of " + chunkRows + " " + table)
                        .containsExactlyElementsOf(lines(expected.resolve(table.fileName())));
            }
            assertThat(written.pairs()).isEqualTo(ledger.pairs());
            assertThat(written.messages()).isEqualTo(ledger.messages().size());
            assertThat(parts.stream().flatMap(p -> p.deliveries().stream()).toList()).isEqualTo(ledger.deliveries());
        }
    }

    @Test
    void shouldHandEachRoomsRowsToTheSinkAsTheLedgerOrdersThem(@TempDir Path dir) throws IOException {
        RunTrace trace = run(3);
        RoomSlices slices = RoomSlices.of(trace);
        List<Ledger> parts = new ArrayList<>();
        try (LedgerWriter writer = LedgerWriter.open(null, STAMP, slices.run(), parts::add)) {
            for (String room : slices.rooms()) {
                writer.add(ReplayedRun.of(slices, room));
            }
            writer.finish();
        }
        RoomSlices again = RoomSlices.of(trace);
        LedgerBuilder inMemory = new LedgerBuilder(again.run());
        again.rooms().forEach(room -> inMemory.add(ReplayedRun.of(again, room)));
        Ledger whole = inMemory.build();
        assertThat(parts).hasSize(ROOMS.length);
        assertThat(parts.stream().flatMap(p -> p.messages().stream()).toList()).isEqualTo(whole.messages());
        assertThat(parts.stream().flatMap(p -> p.deliveries().stream()).toList()).isEqualTo(whole.deliveries());
        assertThat(parts).allSatisfy(p -> assertThat(p.faults()).isEqualTo(whole.faults()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no folder: no files").isEmpty();
        }
    }

    @Test
    void shouldRemoveTheSpillFilesOnceWritten(@TempDir Path dir) throws IOException {
        RunTrace trace = run(2);
        RoomSlices slices = RoomSlices.of(trace);
        Path folder = dir.resolve("ledger");
        try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null)) {
            for (String room : slices.rooms()) {
                writer.add(ReplayedRun.of(slices, room));
            }
            assertThat(folder.resolve(LedgerWriter.SPILL_FOLDER)).as("spilled while written").isDirectory();
            LedgerWriter.Written written = writer.finish();
            assertThat(written.spillBytes()).isPositive();
            assertThat(folder.resolve(LedgerWriter.SPILL_FOLDER)).doesNotExist();
        }
        assertThat(names(folder)).containsExactlyInAnyOrderElementsOf(expectedNames());
    }

    @Test
    void shouldRemoveTheSpillFilesAndTheHalfLedgerWhenTheRunFails(@TempDir Path dir) throws IOException {
        RunTrace trace = run(2);
        RoomSlices slices = RoomSlices.of(trace);
        Path folder = dir.resolve("ledger");
        assertThatThrownBy(() -> {
            try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null)) {
                writer.add(ReplayedRun.of(slices, slices.rooms().get(0)));
                writer.add(ReplayedRun.of(slices, slices.rooms().get(1)));
                assertThat(names(folder)).contains(LedgerWriter.SPILL_FOLDER, LedgerTable.MESSAGES.fileName());
                throw new IllegalStateException("the measurement failed");
            }
        }).hasMessage("the measurement failed");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void shouldFailNamingTheSpillFileWhenTheDiskFailsAndLeaveNothing(@TempDir Path dir) throws IOException {
        RunTrace trace = run(4);
        RoomSlices slices = RoomSlices.of(trace);
        Path folder = dir.resolve("ledger");
        Path spill = folder.resolve(LedgerWriter.SPILL_FOLDER).resolve("receipts.spill");
        LedgerWriter.Opener fullDisk = (file, append) -> file.equals(spill)
                ? new FullAfter(LedgerWriter.Opener.FILES.open(file, append), 1_000)
                : LedgerWriter.Opener.FILES.open(file, append);
        assertThatThrownBy(() -> {
            try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null, fullDisk)) {
                for (String room : slices.rooms()) {
                    writer.add(ReplayedRun.of(slices, room));
                }
                writer.finish();
            }
        }).isInstanceOf(IOException.class)
                .hasMessage("cannot write the ledger's spill file " + spill + ": No space left on device (is the disk full?)");
        assertThat(names(folder)).isEmpty();
    }

    /** A file whose disk is full after {@code room} bytes. */
    private static final class FullAfter extends FilterOutputStream {
        private long room;

        FullAfter(OutputStream out, long room) {
            super(out);
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                throw new IOException("No space left on device");
            }
            room -= len;
            out.write(b, off, len);
        }
    }

    private static boolean tiesAcrossRooms(List<String> roomAndTimes) {
        Map<String, Set<String>> roomsAt = new HashMap<>();
        for (String roomAndTime : roomAndTimes) {
            String[] parts = roomAndTime.split(" ");
            roomsAt.computeIfAbsent(parts[1], k -> new HashSet<>()).add(parts[0]);
        }
        return roomsAt.values().stream().anyMatch(rooms -> rooms.size() > 1);
    }

    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        for (LedgerTable table : LedgerTable.values()) {
            names.add(table.fileName());
        }
        names.add(LedgerFiles.SCHEMA_FILE);
        return names;
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static List<String> lines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        }
    }
}
