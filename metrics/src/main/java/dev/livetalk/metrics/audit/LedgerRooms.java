package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerTable;
import dev.livetalk.metrics.ledger.MarkerRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.ReceiptRow;
import dev.livetalk.metrics.ledger.RefetchRow;
import dev.livetalk.metrics.ledger.TranscriptRow;
import dev.livetalk.metrics.ledger.WelcomeRow;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A ledger's rows room by room, as the recount reads them ({@link RoomRows}), with what is read
 * whole: the fault windows, welcomes and refetches (a few rows per connection, not per message)
 * and every transcript without its lines (for the convergence of each client over its rooms).
 *
 * <p>From a ledger folder ({@link #read}) nothing else is held whole: the {@code messages} and
 * {@code deliveries} tables come room by room (docs/LEDGER.md, "Rows"), so they are read side by
 * side, one room's rows at a time; the {@code transcripts}, {@code markers} and {@code receipts},
 * sorted by client or time, are first split by room into spill files (gzip JSON lines, in a
 * temporary folder removed on {@link #close}, when the reading fails, or else when the JVM exits;
 * at most {@link #MAX_OPEN_SPILL_FILES} open at once), each read back when its room is recounted. The
 * messages and deliveries of a ledger that do not come room by room (one written whole from a
 * replay of several rooms at once) are split likewise ({@link NotRoomByRoom}).
 *
 * <p>Not thread-safe; one thread reads the rooms once.
 */
final class LedgerRooms implements Closeable {
    private final List<FaultRow> faults;
    private final List<WelcomeRow> welcomes;
    private final List<RefetchRow> refetches;
    private final List<TranscriptRow> transcripts;
    private final String firstCommitEpoch;
    private final Rooms rooms;
    private final Path spill;
    private final int mostOpenSpillFiles;

    /** Spill files open at once while splitting, at most: each a gzip writer (a file, its buffers, a deflater). */
    static final int MAX_OPEN_SPILL_FILES = 64;

    /** Spill folders not yet deleted, deleted when the JVM shuts down (a read that an error ended, an audit interrupted). */
    private static final Set<Path> SPILLS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path spill : SPILLS) {
                try {
                    delete(spill);
                } catch (IOException | RuntimeException e) {
                    // the JVM is going away: nothing more to do
                }
            }
        }, "livetalk-audit-spill-cleanup"));
    }

    /** Hands each room's rows to a consumer, rooms in ledger order. */
    @FunctionalInterface
    private interface Rooms {
        void each(RoomConsumer room) throws IOException;
    }

    /** Takes one room's rows. */
    @FunctionalInterface
    interface RoomConsumer {
        void accept(RoomRows rows) throws IOException;
    }

    private LedgerRooms(List<FaultRow> faults, List<WelcomeRow> welcomes, List<RefetchRow> refetches,
                        List<TranscriptRow> transcripts, String firstCommitEpoch, Rooms rooms, Path spill,
                        int mostOpenSpillFiles) {
        this.faults = List.copyOf(faults);
        this.welcomes = List.copyOf(welcomes);
        this.refetches = List.copyOf(refetches);
        this.transcripts = List.copyOf(transcripts);
        this.firstCommitEpoch = firstCommitEpoch;
        this.rooms = rooms;
        this.spill = spill;
        this.mostOpenSpillFiles = mostOpenSpillFiles;
    }

    /** The most spill files that were open at once while splitting. */
    int mostOpenSpillFiles() {
        return mostOpenSpillFiles;
    }

    List<FaultRow> faults() {
        return faults;
    }

    List<WelcomeRow> welcomes() {
        return welcomes;
    }

    List<RefetchRow> refetches() {
        return refetches;
    }

    /** Every transcript, lines left out, in ledger order. */
    List<TranscriptRow> transcripts() {
        return transcripts;
    }

    /** The epoch of the final log (UnreachableRecount#finalEpoch) of the whole ledger. */
    String finalEpoch() {
        return UnreachableRecount.finalEpoch(firstCommitEpoch, welcomes);
    }

    /**
     * Hands each room's rows to {@code room}, rooms in ledger order (those with messages first); once.
     * The rooms: every room a row of the messages, deliveries, transcripts, markers, receipts or
     * refetches names.
     */
    void each(RoomConsumer room) throws IOException {
        rooms.each(room);
    }

    /** The epoch of the first commit naming one in {@code messages}, or {@code null}. */
    static String firstCommitEpoch(Iterable<MessageRow> messages) {
        for (MessageRow message : messages) {
            String epoch = UnreachableRecount.commitEpoch(message);
            if (epoch != null) {
                return epoch;
            }
        }
        return null;
    }

    /** The rooms of a ledger held in memory. */
    static LedgerRooms of(Ledger ledger) {
        Map<String, List<MessageRow>> messages = byRoom(ledger.messages(), MessageRow::room);
        Map<String, List<DeliveryRow>> deliveries = byRoom(ledger.deliveries(), DeliveryRow::room);
        Map<String, List<TranscriptRow>> transcripts = byRoom(ledger.transcripts(), TranscriptRow::room);
        Map<String, List<MarkerRow>> markers = byRoom(ledger.markers(), MarkerRow::room);
        Map<String, List<ReceiptRow>> receipts = byRoom(ledger.receipts(), ReceiptRow::room);
        Map<String, List<RefetchRow>> refetches = byRoom(ledger.refetches(), RefetchRow::room);
        Set<String> names = new LinkedHashSet<>(messages.keySet());
        Stream.of(deliveries, transcripts, markers, receipts, refetches).forEach(m -> names.addAll(m.keySet()));
        RoomRows.Names words = new RoomRows.Names();
        Rooms rooms = consumer -> {
            for (String room : names) {
                List<MessageRow> its = messages.getOrDefault(room, List.of()).stream()
                        .map(m -> RoomRows.slim(m, words)).toList();
                RoomDeliveries.Builder rows = new RoomDeliveries.Builder(its, LedgerIndex.keys(its));
                deliveries.getOrDefault(room, List.of()).forEach(rows::add);
                List<TranscriptRow> lines = transcripts.getOrDefault(room, List.of());
                consumer.accept(new RoomRows(room, its, rows.build(),
                        lines.stream().map(RoomRows::withoutLines).toList(), each -> lines.forEach(each),
                        markers.getOrDefault(room, List.of()), receipts.getOrDefault(room, List.of()),
                        refetches.getOrDefault(room, List.of()), ledger.faults(), ledger.welcomes()));
            }
        };
        return new LedgerRooms(ledger.faults(), ledger.welcomes(), ledger.refetches(),
                ledger.transcripts().stream().map(RoomRows::withoutLines).toList(),
                firstCommitEpoch(ledger.messages()), rooms, null, 0);
    }

    private static <T> Map<String, List<T>> byRoom(List<T> rows, Function<T, String> room) {
        Map<String, List<T>> byRoom = new LinkedHashMap<>();
        rows.forEach(row -> byRoom.computeIfAbsent(room.apply(row), r -> new ArrayList<>()).add(row));
        return byRoom;
    }

    /**
     * The rooms of the ledger in {@code folder}, read as described above; the spill files go into
     * a new temporary folder. Close it.
     *
     * @throws IOException when a table is missing or not valid, naming the file, or the disk fails
     */
    static LedgerRooms read(Path folder) throws IOException {
        return read(folder, false);
    }

    /**
     * As {@link #read(Path)}; with {@code splitMessages} the messages and deliveries are split by
     * room into spill files too, for a ledger whose rows do not come room by room (its reading
     * threw {@link NotRoomByRoom}): one more pass over its largest tables.
     */
    static LedgerRooms read(Path folder, boolean splitMessages) throws IOException {
        return read(folder, splitMessages, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #read(Path, boolean)}, refusing a ledger whose largest room would not fit in {@code maxHeap}. */
    static LedgerRooms read(Path folder, boolean splitMessages, long maxHeap) throws IOException {
        return read(folder, splitMessages, maxHeap, MAX_OPEN_SPILL_FILES);
    }

    /** As {@link #read(Path, boolean, long)}, with at most {@code maxOpen} spill files open at once. */
    static LedgerRooms read(Path folder, boolean splitMessages, long maxHeap, int maxOpen) throws IOException {
        List<FaultRow> faults = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.FAULTS, FaultRow.class, faults::add);
        List<WelcomeRow> welcomes = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.WELCOMES, WelcomeRow.class, welcomes::add);
        List<RefetchRow> refetches = new ArrayList<>();
        LedgerFiles.eachRow(folder, LedgerTable.REFETCHES, RefetchRow.class, refetches::add);
        String epoch;
        try (LedgerFiles.Rows<MessageRow> messages = LedgerFiles.rows(folder, LedgerTable.MESSAGES, MessageRow.class)) {
            epoch = firstCommitEpoch(() -> messages);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path spill = Files.createTempDirectory("livetalk-audit-");
        SPILLS.add(spill);
        try {
            Split split = new Split(spill, maxOpen);
            List<TranscriptRow> transcripts = new ArrayList<>();
            try (split) {
                if (splitMessages) {
                    LedgerFiles.eachRow(folder, LedgerTable.MESSAGES, MessageRow.class,
                            m -> split.write(LedgerTable.MESSAGES, m.room(), m));
                    LedgerFiles.eachRow(folder, LedgerTable.DELIVERIES, DeliveryRow.class,
                            d -> split.write(LedgerTable.DELIVERIES, d.room(), d));
                }
                LedgerFiles.eachRow(folder, LedgerTable.TRANSCRIPTS, TranscriptRow.class, t -> {
                    transcripts.add(RoomRows.withoutLines(t));
                    split.write(LedgerTable.TRANSCRIPTS, t.room(), t);
                });
                LedgerFiles.eachRow(folder, LedgerTable.MARKERS, MarkerRow.class,
                        m -> split.write(LedgerTable.MARKERS, m.room(), m));
                LedgerFiles.eachRow(folder, LedgerTable.RECEIPTS, ReceiptRow.class,
                        r -> split.write(LedgerTable.RECEIPTS, r.room(), r));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            requireHeapFor(folder, split, maxHeap);
            Map<String, List<RefetchRow>> refetchesByRoom = byRoom(refetches, RefetchRow::room);
            RoomReader reader = new RoomReader(folder, split, transcripts, refetchesByRoom, faults, welcomes);
            Rooms rooms = splitMessages ? reader::eachSplit : reader::each;
            return new LedgerRooms(faults, welcomes, refetches, transcripts, epoch, rooms, spill, split.mostOpen);
        } catch (Throwable e) { // an OutOfMemoryError too: the spill goes, the error stays the one thrown
            try {
                deleteSpill(spill);
            } catch (IOException | RuntimeException | Error cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Heap a room's rows take while it is recounted, per byte of its compressed rows (its share of
     * the messages and deliveries tables, its markers and receipts): 8.7 at the largest room of
     * the 10-minute soak cut (13 MB of compressed rows, 111 MB of heap after a full collection at
     * most), 5.8 at the hour's (78 MB, 458 MB).
     */
    static final long HEAP_PER_COMPRESSED_ROOM_BYTE = 10;

    /**
     * Refuses, before recounting, a ledger whose largest room's rows would not fit in
     * {@code maxHeap}: the audit holds one room's messages, deliveries, markers and receipts at a
     * time, which grow with the run's length. A room's share of the messages and deliveries is
     * taken as its share of the rows split by room (transcripts, markers, receipts).
     *
     * @throws AuditInputException naming the room, its compressed rows, the heap it needs and has
     */
    private static void requireHeapFor(Path folder, Split split, long maxHeap) throws IOException {
        long byRoom = 0;
        for (LedgerTable table : List.of(LedgerTable.MESSAGES, LedgerTable.DELIVERIES)) {
            byRoom += Files.size(LedgerFiles.table(folder, table)); // a missing table said as such
        }
        Map<String, long[]> spilled = new LinkedHashMap<>(); // per room: every spilled byte, its markers and receipts
        long total = 0;
        for (String room : split.rooms.keySet()) {
            long[] bytes = new long[2];
            for (LedgerTable table : List.of(LedgerTable.TRANSCRIPTS, LedgerTable.MARKERS, LedgerTable.RECEIPTS)) {
                Path file = split.file(table, room);
                long size = Files.isRegularFile(file) ? Files.size(file) : 0;
                bytes[0] += size;
                bytes[1] += table == LedgerTable.TRANSCRIPTS ? 0 : size; // a transcript's lines: one at a time
            }
            spilled.put(room, bytes);
            total += bytes[0];
        }
        for (Map.Entry<String, long[]> room : spilled.entrySet()) {
            long rows = (total == 0 ? byRoom : Math.round((double) byRoom * room.getValue()[0] / total))
                    + room.getValue()[1];
            long needs = rows * HEAP_PER_COMPRESSED_ROOM_BYTE;
            if (maxHeap != Long.MAX_VALUE && needs > maxHeap) {
                long give = (needs + needs / 2 + (1 << 20) - 1) >> 20; // half as much again, in MB
                throw new AuditInputException(String.format(java.util.Locale.ROOT,
                        "the ledger in %s is recounted one room at a time, and its room %s (about %.0f MB of"
                                + " compressed rows: messages, deliveries, markers and receipts, which grow with the"
                                + " run) needs about %s of heap while it is recounted, more than this JVM's"
                                + " maximum of %s; give it more (LIVETALK_JAVA_OPTS=-Xmx%s)",
                        folder, room.getKey(), rows / 1e6, size(needs), size(maxHeap),
                        give < 1024 ? give + "m" : ((give + 1023) >> 10) + "g"));
            }
        }
    }

    private static String size(long bytes) {
        return bytes >= 1e9 ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(java.util.Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    /**
     * Deletes the spill folder. One that cannot be deleted is left to be deleted when the JVM
     * exits, and not reported: it holds no result, and the recount read from it stands.
     */
    @Override
    public void close() {
        if (spill != null) {
            try {
                deleteSpill(spill);
            } catch (IOException | RuntimeException e) {
                // left in SPILLS: deleted at exit
            }
        }
    }

    /** Deletes {@code spill}, no longer to be deleted at exit once gone. */
    private static void deleteSpill(Path spill) throws IOException {
        delete(spill);
        SPILLS.remove(spill);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The messages or deliveries of a ledger do not come room by room: {@link #read(Path, boolean)} must split them. */
    static final class NotRoomByRoom extends IOException {
        private static final long serialVersionUID = 1L;

        NotRoomByRoom(String message) {
            super(message);
        }
    }

    /** The spill files: per room and table, the table's rows of the room, in ledger order. */
    private static final class Split implements Closeable {
        private final Path folder;
        private final int maxOpen;
        /** The open files, least recently written first; the least recently written is closed when one more is needed. */
        private final Map<String, LedgerFiles.RowsOutput> open = new LinkedHashMap<>(16, 0.75f, true);
        /** The files made, open or not: one closed is appended to when written again. */
        private final Set<String> made = new HashSet<>();
        /** Every room with a spilled row, in order of its first row, with its place in that order. */
        final Map<String, Integer> rooms = new LinkedHashMap<>();
        /** The most files open at once. */
        int mostOpen;

        Split(Path folder, int maxOpen) {
            if (maxOpen < 1) {
                throw new IllegalArgumentException("at least one spill file must be open: " + maxOpen);
            }
            this.folder = folder;
            this.maxOpen = maxOpen;
        }

        Path file(LedgerTable table, String room) {
            // rooms are named by the scenario: the file is named by the room's place, not its name
            return folder.resolve(table.fileName().replace(".jsonl.gz", "") + "-" + rooms.get(room) + ".jsonl.gz");
        }

        void write(LedgerTable table, String room, Object row) {
            try {
                rooms.putIfAbsent(room, rooms.size());
                String key = table + "\u0000" + room;
                LedgerFiles.RowsOutput out = open.get(key);
                if (out == null) {
                    if (open.size() >= maxOpen) {
                        var eldest = open.entrySet().iterator();
                        LedgerFiles.RowsOutput closing = eldest.next().getValue();
                        eldest.remove();
                        closing.close();
                    }
                    // a file written again is appended to: a gzip member more, which the reader reads on
                    out = new LedgerFiles.RowsOutput(file(table, room), !made.add(key));
                    open.put(key, out);
                    mostOpen = Math.max(mostOpen, open.size());
                }
                out.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        <T> void eachOf(LedgerTable table, String room, Class<T> type, java.util.function.Consumer<T> row)
                throws IOException {
            if (!rooms.containsKey(room) || !Files.exists(file(table, room))) {
                return;
            }
            try (LedgerFiles.Rows<T> rows = LedgerFiles.rowsOf(file(table, room), type)) {
                rows.forEachRemaining(row);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        void remove(String room) throws IOException {
            for (LedgerTable table : List.of(LedgerTable.MESSAGES, LedgerTable.DELIVERIES, LedgerTable.TRANSCRIPTS,
                    LedgerTable.MARKERS, LedgerTable.RECEIPTS)) {
                if (rooms.containsKey(room)) {
                    Files.deleteIfExists(file(table, room));
                }
            }
        }

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (LedgerFiles.RowsOutput out : open.values()) {
                try {
                    out.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            open.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** Reads the messages and deliveries tables side by side, one room at a time. */
    private static final class RoomReader {
        private final Path folder;
        private final Split split;
        private final List<TranscriptRow> transcripts;
        private final Map<String, List<RefetchRow>> refetches;
        private final List<FaultRow> faults;
        private final List<WelcomeRow> welcomes;
        private final Set<String> done = new HashSet<>();
        private final RoomRows.Names names = new RoomRows.Names();

        RoomReader(Path folder, Split split, List<TranscriptRow> transcripts, Map<String, List<RefetchRow>> refetches,
                   List<FaultRow> faults, List<WelcomeRow> welcomes) {
            this.folder = folder;
            this.split = split;
            this.transcripts = transcripts;
            this.refetches = refetches;
            this.faults = faults;
            this.welcomes = welcomes;
        }

        void each(RoomConsumer consumer) throws IOException {
            try (LedgerFiles.Rows<MessageRow> messages = LedgerFiles.rows(folder, LedgerTable.MESSAGES, MessageRow.class);
                 LedgerFiles.Rows<DeliveryRow> deliveries = LedgerFiles.rows(folder, LedgerTable.DELIVERIES,
                         DeliveryRow.class)) {
                MessageRow nextMessage = messages.hasNext() ? messages.next() : null;
                DeliveryRow nextDelivery = deliveries.hasNext() ? deliveries.next() : null;
                long messageRow = 1;
                long deliveryRow = 1;
                while (nextMessage != null) {
                    String room = nextMessage.room();
                    requireNew(room, LedgerTable.MESSAGES, messageRow);
                    List<MessageRow> its = new ArrayList<>();
                    while (nextMessage != null && nextMessage.room().equals(room)) {
                        its.add(RoomRows.slim(nextMessage, names));
                        nextMessage = messages.hasNext() ? messages.next() : null;
                        messageRow++;
                    }
                    RoomDeliveries.Builder rows = new RoomDeliveries.Builder(its, LedgerIndex.keys(its));
                    while (nextDelivery != null && nextDelivery.room().equals(room)) {
                        rows.add(nextDelivery);
                        nextDelivery = deliveries.hasNext() ? deliveries.next() : null;
                        deliveryRow++;
                    }
                    if (nextDelivery != null && done.contains(nextDelivery.room())) {
                        requireNew(nextDelivery.room(), LedgerTable.DELIVERIES, deliveryRow);
                    }
                    done.add(room);
                    room(room, its, rows.build(), consumer);
                }
                if (nextDelivery != null) {
                    throw new NotRoomByRoom(folder.resolve(LedgerTable.DELIVERIES.fileName()) + ": row " + deliveryRow
                            + " is of room " + nextDelivery.room() + ", whose messages are not where its deliveries"
                            + " are: the audit reads the messages and deliveries of a ledger room by room, in the"
                            + " same order, as the harness writes them (docs/LEDGER.md, Rows)");
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (String room : remaining()) {
                room(room, List.of(), new RoomDeliveries.Builder(List.of(), Map.of()).build(), consumer);
            }
        }

        /** Each room, in order of its first message row (then of its first other row, then of its first refetch). */
        void eachSplit(RoomConsumer consumer) throws IOException {
            for (String room : remaining()) {
                List<MessageRow> its = new ArrayList<>();
                split.eachOf(LedgerTable.MESSAGES, room, MessageRow.class, m -> its.add(RoomRows.slim(m, names)));
                RoomDeliveries.Builder rows = new RoomDeliveries.Builder(its, LedgerIndex.keys(its));
                split.eachOf(LedgerTable.DELIVERIES, room, DeliveryRow.class, rows::add);
                room(room, its, rows.build(), consumer);
            }
        }

        /**
         * The rooms not handed over yet, marked handed: those of the spill files, then those only
         * refetched (a history reply of a room its client never joined nor showed), each in order
         * of its first row. A room only refetched is a room of the run, as the checkers measure it
         * ({@code RunTrace#rooms}) and as a ledger in memory hands it ({@link LedgerRooms#of}):
         * its refetches are its rows.
         */
        private List<String> remaining() {
            Set<String> rooms = new LinkedHashSet<>(split.rooms.keySet());
            rooms.addAll(refetches.keySet());
            rooms.removeAll(done);
            done.addAll(rooms);
            return List.copyOf(rooms);
        }

        private void requireNew(String room, LedgerTable table, long row) throws IOException {
            if (done.contains(room)) {
                throw new NotRoomByRoom(folder.resolve(table.fileName()) + ": row " + row + " is of room " + room
                        + ", whose rows came before another room's: the audit reads the messages and deliveries of a"
                        + " ledger room by room, as the harness writes them (docs/LEDGER.md, Rows)");
            }
        }

        private void room(String room, List<MessageRow> messages, RoomDeliveries deliveries, RoomConsumer consumer)
                throws IOException {
            List<MarkerRow> markers = new ArrayList<>();
            split.eachOf(LedgerTable.MARKERS, room, MarkerRow.class, m -> markers.add(RoomRows.slim(m, names)));
            List<ReceiptRow> receipts = new ArrayList<>();
            split.eachOf(LedgerTable.RECEIPTS, room, ReceiptRow.class, r -> receipts.add(RoomRows.slim(r, names)));
            consumer.accept(new RoomRows(room, messages, deliveries,
                    transcripts.stream().filter(t -> t.room().equals(room)).toList(),
                    each -> split.eachOf(LedgerTable.TRANSCRIPTS, room, TranscriptRow.class, each),
                    markers, receipts,
                    refetches.getOrDefault(room, List.of()), faults, welcomes));
            split.remove(room);
        }
    }
}
