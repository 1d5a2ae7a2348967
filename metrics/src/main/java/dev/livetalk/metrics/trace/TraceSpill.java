package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where the bulk of a run's trace goes while the run is recorded: one append-only file per room
 * in a folder of its own, instead of lists that grow in memory for as long as the run lasts.
 * Each client's changes, sends, read marks, receipts, transmissions, markers, refetches and final
 * transcripts go to the file of their room, and the server's commits too; what a client does
 * outside a room (joins, welcomes, requests) is small and stays with its {@link ClientRecorder}.
 *
 * <p>The file format is private to this class (it is written and read in one run, never kept):
 * a tag byte per record, then its fields as variable-length integers and strings (a final
 * transcript as its differences from the room's previous one). Strings go
 * through a small cache of recent strings that the reader rebuilds in step (a message's id and
 * text recur in every delivery of it, within milliseconds), so a repeated string costs a byte or
 * two and the strings read back are shared; so are equal transcript entries read back from one
room's file (a message's line at every member). Each client record carries the client's own running
 * number, so a client's records of several rooms read back in the order they were recorded.
 *
 * <p>Writing: thread-safe; a record is handed to a thread of the spill's own that encodes and
 * writes the records in the order they were handed over, and a client's records are handed over
 * under its recorder's lock, so they keep the client's order. Reading first waits until what was
 * handed over is written. A failure to write (a full disk) does not stop the run: the first one
 * is kept and reported by {@link #read()}, which then refuses to give a trace it knows to be
 * incomplete.
 *
 * <p>{@link #close()} deletes the folder.
 */
public final class TraceSpill implements AutoCloseable {
    private static final int STRING_SLOTS = 4096;
    private static final int BUFFER_BYTES = 1 << 16;

    private static final int INSERTED = 1;
    private static final int MOVED = 2;
    private static final int REPLACED = 3;
    private static final int REMOVED = 4;
    private static final int STATUS_CHANGED = 5;
    private static final int EVICTED = 6;
    private static final int SEND = 10;
    private static final int READ_MARK = 11;
    private static final int RECEIPT = 12;
    private static final int TRANSMISSION = 13;
    private static final int MARKER = 14;
    private static final int REFETCH = 15;
    private static final int FINAL_TRANSCRIPT = 16;
    private static final int COMMIT = 20;
    private static final int SERVER_REQUEST = 30;
    /**
     * What a reading of a room keeps: every record ({@code ALL_CHANGES}); every record but the changes
     * ({@code NO_CHANGES}); every client's changes alone ({@code CHANGES_ONLY}); else one client's changes
     * alone, by its number.
     */
    private static final int ALL_CHANGES = -2;
    private static final int NO_CHANGES = -1;
    private static final int CHANGES_ONLY = -3;

    private static final MessageStatus[] STATUSES = MessageStatus.values();
    private static final ReceiptKind[] KINDS = ReceiptKind.values();

    private final Path parent;
    private Path folder;
    private final Map<String, RoomFile> rooms = new ConcurrentHashMap<>();
    private final List<RoomFile> order = new ArrayList<>();
    /** The server's requests: they belong to no room; created with the first one. */
    private RoomFile serverFile;
    /** The first failure to write, kept: reading is then refused. */
    private final java.util.concurrent.atomic.AtomicReference<IOException> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** An error of the JVM in the writer thread (out of memory), thrown to whoever reads. */
    private volatile Error fatal;
    private volatile boolean closed;
    private boolean deleted;
    private final Writer writer = new Writer();

    private TraceSpill(Path parent) {
        this.parent = parent;
    }

    /**
     * A spill in a new folder under {@code parent}, made when the first record is written (a
     * recorder that records nothing leaves nothing behind). A spill not closed when the JVM exits
     * normally, or on a signal that lets it shut down, is deleted then.
     */
    public static TraceSpill in(Path parent) {
        return new TraceSpill(parent);
    }

    /** A spill in a new folder under the JVM's temporary folder ({@code java.io.tmpdir}). */
    public static TraceSpill inTemporaryFolder() {
        return in(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The folder the room files are written in; {@code null} until the first record. */
    public synchronized Path folder() {
        return folder;
    }

    /** The spill's folder, made on first use; {@code null} after a failure to make it (kept). */
    private Path madeFolder() {
        if (folder == null && failure.get() == null) {
            try {
                Files.createDirectories(parent);
                folder = Files.createTempDirectory(parent, "livetalk-trace-");
                OPEN.add(this);
            } catch (IOException e) {
                fail(new IOException("cannot create a folder for the run's trace under " + parent + ": " + e, e));
            }
        }
        return folder;
    }

    /** Spills not yet closed, deleted when the JVM shuts down. */
    private static final java.util.Set<TraceSpill> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (TraceSpill spill : OPEN) {
                try {
                    spill.close();
                } catch (RuntimeException e) {
                    // the JVM is going away: nothing more to do
                }
            }
        }, "livetalk-trace-spill-cleanup"));
    }

    private RoomFile room(String room) {
        RoomFile file = rooms.get(room);
        return file != null ? file : openRoom(room);
    }

    private synchronized RoomFile openRoom(String room) {
        RoomFile file = rooms.get(room);
        if (file == null) {
            if (closed) {
                return null;
            }
            Path made = madeFolder();
            if (made == null) {
                return null;
            }
            try {
                file = new RoomFile(room, made.resolve("room-" + order.size() + ".trace"));
            } catch (IOException e) {
                fail(e);
                return null;
            }
            order.add(file);
            rooms.put(room, file);
        }
        return file;
    }

    private void fail(IOException e) {
        failure.compareAndSet(null, e);
    }

    /**
     * A record of a client in {@code room}, handed to the writer thread, which writes it whole or
     * not at all (a failure is kept); whether it is part of the trace (not after {@link #seal()}).
     */
    private boolean write(String room, int client, long clientSeq, int tag, Fields fields) {
        if (closed || failure.get() != null) {
            return !closed; // a client that runs on after the run ended: not part of the trace
        }
        RoomFile file = room(room);
        if (file == null) {
            return !closed;
        }
        return writer.enqueue(file, client, clientSeq, tag, fields);
    }

    /** Writes a change; whether it is part of the trace. */
    boolean change(int client, long clientSeq, TranscriptChange change) {
        return switch (change) {
            case TranscriptChange.Inserted c -> write(c.room(), client, clientSeq, INSERTED, f -> {
                f.time(c.at());
                f.signed(c.entryNo());
                f.entry(c.entry()); // in the order of the record's components: the reader passes them as read
                f.signed(c.afterEntryNo());
            });
            case TranscriptChange.Moved c -> write(c.room(), client, clientSeq, MOVED, f -> {
                f.time(c.at());
                f.signed(c.entryNo());
                f.entry(c.entry()); // in the order of the record's components: the reader passes them as read
                f.signed(c.afterEntryNo());
            });
            case TranscriptChange.Replaced c -> write(c.room(), client, clientSeq, REPLACED, f -> {
                f.time(c.at());
                f.signed(c.entryNo());
                f.entry(c.previous());
                f.entry(c.entry());
            });
            case TranscriptChange.Removed c -> write(c.room(), client, clientSeq, REMOVED, f -> {
                f.time(c.at());
                f.signed(c.entryNo());
                f.entry(c.entry());
            });
            case TranscriptChange.Evicted c -> write(c.room(), client, clientSeq, EVICTED, f -> {
                f.evicts = true; // the line's entry is the last one its changes wrote: the reader keeps it
                f.time(c.at());
                f.signed(c.entryNo());
            });
            case TranscriptChange.StatusChanged c -> write(c.room(), client, clientSeq, STATUS_CHANGED, f -> {
                f.time(c.at());
                f.signed(c.entryNo());
                f.status(c.previous());
                f.entry(c.entry());
            });
        };
    }

    void send(int client, long clientSeq, SendRecord send) {
        write(send.room(), client, clientSeq, SEND, f -> {
            f.string(send.clientMsgId());
            f.time(send.intendedAt());
            f.time(send.actualAt());
            f.string(send.replyTo());
            f.string(send.body());
        });
    }

    void readMark(int client, long clientSeq, ReadMark mark) {
        write(mark.room(), client, clientSeq, READ_MARK, f -> {
            f.signed(mark.seq());
            f.time(mark.at());
        });
    }

    void receipt(int client, long clientSeq, ReceiptSeen receipt) {
        write(receipt.room(), client, clientSeq, RECEIPT, f -> {
            f.string(receipt.reader());
            f.kind(receipt.kind());
            f.signed(receipt.seq());
            f.time(receipt.at());
        });
    }

    void transmission(int client, long clientSeq, Transmission transmission) {
        write(transmission.room(), client, clientSeq, TRANSMISSION, f -> {
            f.string(transmission.clientMsgId());
            f.string(transmission.body());
            f.time(transmission.at());
        });
    }

    void marker(int client, long clientSeq, MarkerSent marker) {
        write(marker.room(), client, clientSeq, MARKER, f -> {
            f.kind(marker.kind());
            f.signed(marker.seq());
            f.time(marker.at());
        });
    }

    void refetch(int client, long clientSeq, Refetch refetch) {
        write(refetch.room(), client, clientSeq, REFETCH, f -> {
            f.time(refetch.at());
            f.string(refetch.source());
            f.signed(refetch.messages());
            f.signed(refetch.bytes());
            f.signed(refetch.firstSeq());
        });
    }

    void finalTranscript(int client, long clientSeq, String room, List<TranscriptEntry> entries) {
        write(room, client, clientSeq, FINAL_TRANSCRIPT, f -> f.finalTranscript(entries));
    }

    /** The server committed {@code message} in history {@code epoch} at {@code at}. */
    void commit(String epoch, Message message, long at) {
        write(message.room(), 0, 0, COMMIT, f -> {
            f.string(epoch);
            f.time(at);
            f.signed(message.seq());
            f.string(message.id());
            f.string(message.clientMsgId());
            f.string(message.from());
            f.string(message.body());
            f.string(message.replyTo());
            f.time(message.serverTime());
        });
    }

    /** The server received a request of wire type {@code type} at {@code at}. */
    void serverRequest(String type, long at) {
        if (closed || failure.get() != null) {
            return;
        }
        RoomFile file = serverFile();
        if (file == null) {
            return;
        }
        writer.enqueue(file, -1, 0, SERVER_REQUEST, f -> {
            f.string(type);
            f.time(at);
        });
    }

    private synchronized RoomFile serverFile() {
        if (serverFile == null && !closed && madeFolder() != null) {
            try {
                serverFile = new RoomFile(null, folder.resolve("server.trace"));
            } catch (IOException e) {
                fail(e);
            }
        }
        return serverFile;
    }

    /** The server's requests, read back in the order they were recorded. */
    public synchronized List<ServerRequest> serverRequests() {
        writer.drain();
        refuseIfFailed();
        ServerRequests.Builder requests = new ServerRequests.Builder();
        if (serverFile == null) {
            return requests.build();
        }
        try {
            long length = serverFile.readable;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    new Limited(new FileInputStream(serverFile.path.toFile()), length), BUFFER_BYTES))) {
                Reader r = new Reader(in, null);
                for (int tag = in.read(); tag >= 0; tag = in.read()) {
                    if (tag != SERVER_REQUEST) {
                        throw new IOException("unknown record " + tag + " in the server's requests");
                    }
                    requests.add(r.string(), r.time());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's requests back from " + serverFile.path + ": "
                    + e.getMessage(), e);
        }
        return requests.build();
    }

    /**
     * Everything written, read back: per client (by the number its records were written under),
     * its records of every room in the order it recorded them; per room, the server's commits in
     * the order they were recorded. Fails when a write failed (the trace would be incomplete).
     */
    public synchronized Contents read() {
        writer.drain();
        refuseIfFailed();
        Contents contents = new Contents();
        for (RoomFile room : order) {
            readRoom(room, contents.sink(), ALL_CHANGES, null);
        }
        contents.sortByClientOrder();
        return contents;
    }

    /** As {@link #read()}, for one room only: the room's records of every client, and its commits. */
    public synchronized Contents read(String room) {
        return read(room, ALL_CHANGES, null);
    }

    /**
     * As {@link #read(String)}, without any client's changes: a client that has some in the room
     * says so ({@link ClientRecords#hasChanges}); {@link #changes} reads them, one client at a time.
     */
    public synchronized Contents readWithoutChanges(String room) {
        return readWithoutChanges(room, null);
    }

    /**
     * As {@link #readWithoutChanges(String)}, its strings shared with the other readings of the room
     * given {@code strings} ({@code null}: none).
     */
    public synchronized Contents readWithoutChanges(String room, Strings strings) {
        return read(room, NO_CHANGES, strings);
    }

    /**
     * The changes client number {@code client} recorded in {@code room}, in its order: the room's
     * file read again for them alone (every other record is decoded, to keep the string cache in
     * step, and dropped). What is in memory is one client's change log, not the room's.
     */
    public synchronized List<TranscriptChange> changes(String room, int client) {
        return changes(room, client, null);
    }

    /**
     * As {@link #changes(String, int)}, its strings shared with the other readings of the room given
     * {@code strings} ({@code null}: none).
     */
    public synchronized List<TranscriptChange> changes(String room, int client, Strings strings) {
        List<TranscriptChange> changes = new ArrayList<>();
        changes(room, client, strings, changes::add);
        return changes;
    }

    /**
     * As {@link #changes(String, int, Strings)}, each change handed to {@code each} as it is read,
     * in the client's order (a client's records of one room are written in it): nothing of the
     * change log is kept here, so a reader that folds each change into what it keeps (the
     * measurement's replay) never holds the log. {@code each} runs while this spill is locked: what it
     * does delays the spill's other readers and its {@link #close} (the measurement reads one member at a
     * time, one room after another).
     */
    public synchronized void changes(String room, int client, Strings strings, Consumer<TranscriptChange> each) {
        if (client < 0) {
            throw new IllegalArgumentException("a client's number is >= 0: " + client);
        }
        writer.drain();
        refuseIfFailed();
        RoomFile file = rooms.get(room);
        if (file == null) {
            return;
        }
        long[] last = {-1};
        readRoom(file, new Sink() {
            @Override
            public void add(int tag, int of, long clientSeq, Object record) {
                if (clientSeq <= last[0]) {
                    throw new IllegalStateException("client #" + of + "'s changes of room " + room + " in " + file.path
                            + " are out of its order (#" + clientSeq + " after #" + last[0] + ")");
                }
                last[0] = clientSeq;
                each.accept((TranscriptChange) record);
            }

            @Override
            public void changed(int of) {
            }
        }, client, strings);
    }

    /** Where {@link #changes(String, Strings, ClientChanges)} hands each change. */
    @FunctionalInterface
    public interface ClientChanges {
        /** A change client number {@code client} recorded, after the client's earlier ones. */
        void accept(int client, TranscriptChange change);
    }

    /**
     * Every client's changes of {@code room}, handed to {@code each} as they are read in one pass over
     * the room's file: each client's in its order, the clients' interleaved as they were written
     * (every other record is decoded, to keep the string cache in step, and dropped). Nothing of the
     * change logs is kept here: a reader that folds each change into what it keeps holds no member's
     * log, and the file is decoded once for every member, not once per member. {@code each} runs
     * while this spill is locked, as for {@link #changes(String, int, Strings, Consumer)}.
     */
    public synchronized void changes(String room, Strings strings, ClientChanges each) {
        writer.drain();
        refuseIfFailed();
        RoomFile file = rooms.get(room);
        if (file == null) {
            return;
        }
        readRoom(file, new Sink() {
            /** Per client number, the running number of its last change read, or -1. */
            private long[] last = new long[0];

            @Override
            public void add(int tag, int of, long clientSeq, Object record) {
                if (of >= last.length) {
                    int had = last.length;
                    last = java.util.Arrays.copyOf(last, Math.max(of + 1, had * 2));
                    java.util.Arrays.fill(last, had, last.length, -1);
                }
                if (clientSeq <= last[of]) {
                    throw new IllegalStateException("client #" + of + "'s changes of room " + room + " in " + file.path
                            + " are out of its order (#" + clientSeq + " after #" + last[of] + ")");
                }
                last[of] = clientSeq;
                each.accept(of, (TranscriptChange) record);
            }

            @Override
            public void changed(int of) {
            }
        }, CHANGES_ONLY, strings);
    }

    /** Where {@link #readRoom} puts what it reads. */
    private interface Sink {
        /** A record of client number {@code client}, written under its running number {@code clientSeq}. */
        void add(int tag, int client, long clientSeq, Object record);

        /** Client number {@code client} has changes that were left out. */
        void changed(int client);
    }

    /**
     * The texts read back by several readings of one room's file, each text one object: a message's id
     * and body are read again by every reading (its slice's, each member's changes'), and each reading's
     * cache shares them only within itself. What a room's measurement holds of them (the slice's sends
     * and commits, the members' final lines) is then one string a text, not one per reading. Holds every text it was given; let it go with the readings.
     *
     * <p>Single thread (the reader's).
     */
    public static final class Strings {
        private final SameObjects<String> texts = new SameObjects<>();

        /** The string of {@code text} given first. */
        String share(String text) {
            return texts.same(text);
        }
    }

    private Contents read(String room, int changesOf, Strings strings) {
        writer.drain();
        refuseIfFailed();
        Contents contents = new Contents();
        RoomFile file = rooms.get(room);
        if (file != null) {
            readRoom(file, contents.sink(), changesOf, strings);
        }
        contents.sortByClientOrder();
        return contents;
    }

    /** The bytes of {@code room}'s spill file written so far (0 for a room without one). */
    public synchronized long bytes(String room) {
        writer.drain();
        RoomFile file = rooms.get(room);
        return file == null ? 0 : file.readable;
    }

    /** The rooms records were written for, in the order each was first written. */
    public synchronized List<String> rooms() {
        return order.stream().map(f -> f.room).toList();
    }

    private void refuseIfFailed() {
        Error error = fatal;
        if (error != null) {
            throw error;
        }
        IOException failed = failure.get();
        if (failed instanceof NotWritten) {
            throw new UncheckedIOException("the run's trace is incomplete, its figures would be too: "
                    + failed.getMessage() + " (a harness bug)", failed);
        }
        if (failed != null) {
            throw new UncheckedIOException("the run's trace could not be written to " + (folder != null ? folder
                    : parent) + " (" + failed + "); its figures would be incomplete. Free disk space there, or point"
                    + " java.io.tmpdir (LIVETALK_JAVA_OPTS=-Djava.io.tmpdir=DIR) at a disk with room", failed);
        }
    }

    /**
     * Reads a room's file into {@code contents}: every record ({@link #ALL_CHANGES}); every record
     * but the changes, noting who has some ({@link #NO_CHANGES}); every client's changes alone
     * ({@link #CHANGES_ONLY}); or client number {@code changesOf}'s changes alone.
     */
    private void readRoom(RoomFile file, Sink contents, int changesOf, Strings strings) {
        String room = file.room;
        try {
            long length = file.readable; // what a client still appends while this reads is not part of the trace read
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    new Limited(new FileInputStream(file.path.toFile()), length), BUFFER_BYTES))) {
                Reader r = new Reader(in, strings);
                // with evictions: each client's displayed lines by number, so an eviction gets its line's entry
                Map<Long, TranscriptEntry> lines = file.evicts && changesOf != NO_CHANGES ? new HashMap<>() : null;
                while (true) {
                    int tag = in.read();
                    if (tag < 0) {
                        break;
                    }
                    int client = (int) r.unsigned();
                    long clientSeq = r.unsigned();
                    boolean isChange = tag >= INSERTED && tag <= EVICTED;
                    if (isChange && changesOf != ALL_CHANGES && changesOf != CHANGES_ONLY && client != changesOf) {
                        skipChange(tag, r);
                        if (changesOf == NO_CHANGES) {
                            contents.changed(client);
                        }
                        continue;
                    }
                    if (!isChange && changesOf != ALL_CHANGES && changesOf != NO_CHANGES) {
                        readRecord(tag, room, r); // decoded for the string cache and the final transcripts' runs
                        continue;
                    }
                    Object record = tag == EVICTED ? evicted(room, r, client, lines) : readRecord(tag, room, r);
                    if (lines != null && record instanceof TranscriptChange change && tag != EVICTED) {
                        long line = lineKey(client, change.entryNo());
                        if (tag == REMOVED) {
                            lines.remove(line);
                        } else {
                            lines.put(line, change.entry());
                        }
                    }
                    contents.add(tag, client, clientSeq, record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run's trace back from " + file.path + ": " + e.getMessage(),
                    e);
        }
    }

    /** An eviction, with the entry its line showed last (the spill writes only the line's number). */
    private static TranscriptChange.Evicted evicted(String room, Reader r, int client, Map<Long, TranscriptEntry> lines)
            throws IOException {
        long at = r.time();
        long no = r.signed();
        TranscriptEntry entry = lines == null ? null : lines.remove(lineKey(client, no));
        if (entry == null) {
            throw new IOException("client #" + client + " evicts line #" + no + " of room " + room
                    + ", which its trace never showed");
        }
        return new TranscriptChange.Evicted(room, at, no, entry);
    }

    /** Reads past a change's fields: its strings still go through the cache, its entries are not kept. */
    private static void skipChange(int tag, Reader r) throws IOException {
        r.time();
        r.signed();
        switch (tag) {
            case INSERTED, MOVED -> {
                r.skipEntry();
                r.signed();
            }
            case REPLACED -> {
                r.skipEntry();
                r.skipEntry();
            }
            case REMOVED -> r.skipEntry();
            case STATUS_CHANGED -> {
                r.status();
                r.skipEntry();
            }
            case EVICTED -> {
                // its line's number alone
            }
            default -> throw new IOException("record " + tag + " is not a change");
        }
    }

    private static long lineKey(int client, long entryNo) {
        return ((long) client << 40) ^ entryNo;
    }

    private static Object readRecord(int tag, String room, Reader r) throws IOException {
        return switch (tag) {
            case INSERTED -> new TranscriptChange.Inserted(room, r.time(), r.signed(), r.entry(), r.signed());
            case MOVED -> new TranscriptChange.Moved(room, r.time(), r.signed(), r.entry(), r.signed());
            case REPLACED -> new TranscriptChange.Replaced(room, r.time(), r.signed(), r.entry(), r.entry());
            case REMOVED -> new TranscriptChange.Removed(room, r.time(), r.signed(), r.entry());
            case STATUS_CHANGED -> new TranscriptChange.StatusChanged(room, r.time(), r.signed(), r.status(), r.entry());
            case SEND -> {
                String clientMsgId = r.string();
                long intendedAt = r.time();
                long actualAt = r.time();
                String replyTo = r.string();
                yield new SendRecord(room, clientMsgId, intendedAt, actualAt, replyTo, r.string());
            }
            case READ_MARK -> new ReadMark(room, r.signed(), r.time());
            case RECEIPT -> new ReceiptSeen(room, r.string(), r.kind(), r.signed(), r.time());
            case TRANSMISSION -> new Transmission(room, r.string(), r.string(), r.time());
            case MARKER -> new MarkerSent(room, r.kind(), r.signed(), r.time());
            case REFETCH -> {
                long at = r.time();
                yield new Refetch(at, room, r.string(), (int) r.signed(), r.signed(), r.signed());
            }
            case FINAL_TRANSCRIPT -> new FinalTranscript(room, r.finalTranscript());
            case COMMIT -> {
                String epoch = r.string();
                long at = r.time();
                Message message = new Message(room, r.signed(), r.string(), r.string(), r.string(), r.string(),
                        r.string(), r.time());
                yield new CommittedMessage(message, at, epoch);
            }
            default -> throw new IOException("unknown record " + tag + " in the trace of room " + room);
        };
    }

    /**
     * Stops recording: what is written from now on is dropped (clients that run on until the
     * harness closes them), what was written stays readable.
     */
    public void seal() {
        closed = true;
    }

    /**
     * Feeds every byte written, room file by room file in the order they were first written, to
     * {@code digest}: equal recordings give equal bytes (the files' format is a function of the
     * records and their order), which is what a determinism check compares.
     */
    public synchronized void digest(MessageDigest digest) {
        writer.drain();
        refuseIfFailed();
        byte[] buffer = new byte[BUFFER_BYTES];
        List<RoomFile> files = new ArrayList<>(order);
        if (serverFile != null) {
            files.add(serverFile);
        }
        for (RoomFile file : files) {
            try {
                long length = file.readable;
                digest.update(String.valueOf(file.room).getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new Limited(new FileInputStream(file.path.toFile()), length)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run's trace back from " + file.path + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Stops writing and deletes the folder and its files. */
    @Override
    public synchronized void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        closed = true;
        List<RoomFile> files = new ArrayList<>(order);
        if (serverFile != null) {
            files.add(serverFile);
        }
        writer.stop(); // what was handed to it is written first
        for (RoomFile room : files) {
            try {
                room.out.close();
            } catch (IOException e) {
                // deleted below; nothing more to save
            }
        }
        OPEN.remove(this);
        if (folder == null) {
            return;
        }
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the run's trace in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A room's final transcript as read back. */
    record FinalTranscript(String room, List<TranscriptEntry> entries) {
    }

    /**
     * What a spill held, read back: per client number, its records by kind, in its order; per
     * room, the commits in the order recorded.
     */
    public static final class Contents {
        private final Map<Integer, ClientRecords> clients = new HashMap<>();
        private final Map<String, List<CommittedMessage>> commits = new LinkedHashMap<>();

        /** The records of client number {@code client}; empty ones when it recorded nothing here. */
        ClientRecords client(int client) {
            return clients.computeIfAbsent(client, c -> new ClientRecords());
        }

        /** Per room, the commits in the order they were recorded. */
        public Map<String, List<CommittedMessage>> commits() {
            return commits;
        }

        /** What {@link #readRoom} reads, put here. */
        private Sink sink() {
            return new Sink() {
                @Override
                public void add(int tag, int client, long clientSeq, Object record) {
                    Contents.this.add(tag, client, clientSeq, record);
                }

                @Override
                public void changed(int client) {
                    client(client).changed = true;
                }
            };
        }

        private void add(int tag, int client, long clientSeq, Object record) {
            if (record instanceof CommittedMessage commit) {
                commits.computeIfAbsent(commit.message().room(), r -> new ArrayList<>()).add(commit);
                return;
            }
            ClientRecords records = client(client);
            List<Numbered> list = switch (tag) {
                case INSERTED, MOVED, REPLACED, REMOVED, STATUS_CHANGED, EVICTED -> records.changes;
                case SEND -> records.sends;
                case READ_MARK -> records.readMarks;
                case RECEIPT -> records.receipts;
                case TRANSMISSION -> records.transmissions;
                case MARKER -> records.markers;
                case REFETCH -> records.refetches;
                case FINAL_TRANSCRIPT -> records.finalTranscripts;
                default -> throw new IllegalStateException("record " + tag + " has no list");
            };
            list.add(new Numbered(clientSeq, record));
        }

        private void sortByClientOrder() {
            clients.values().forEach(ClientRecords::sort);
        }
    }

    /** A record and the client's running number it was written under. */
    private record Numbered(long seq, Object record) {
    }

    /** One client's records read back, each list in the client's order. */
    static final class ClientRecords {
        private static final Comparator<Numbered> ORDER = Comparator.comparingLong(Numbered::seq);
        private final List<Numbered> changes = new ArrayList<>();
        private final List<Numbered> sends = new ArrayList<>();
        private final List<Numbered> readMarks = new ArrayList<>();
        private final List<Numbered> receipts = new ArrayList<>();
        private final List<Numbered> transmissions = new ArrayList<>();
        private final List<Numbered> markers = new ArrayList<>();
        private final List<Numbered> refetches = new ArrayList<>();
        private final List<Numbered> finalTranscripts = new ArrayList<>();

        /** Whether it has changes in what was read, read back or left out ({@link #readWithoutChanges}). */
        private boolean changed;

        /** Whether nothing was read back for this client (changes left out count as read). */
        boolean isEmpty() {
            return !hasChanges() && sends.isEmpty() && readMarks.isEmpty() && receipts.isEmpty()
                    && transmissions.isEmpty() && markers.isEmpty() && refetches.isEmpty() && finalTranscripts.isEmpty();
        }

        /** Whether the client has changes in what was read: read back, or left out by {@link #readWithoutChanges}. */
        boolean hasChanges() {
            return changed || !changes.isEmpty();
        }

        private void sort() {
            // each room's records are in order already: a stable sort merges the rooms' runs
            for (List<Numbered> list : List.of(changes, sends, readMarks, receipts, transmissions, markers, refetches,
                    finalTranscripts)) {
                list.sort(ORDER);
            }
        }

        List<TranscriptChange> changes() {
            return records(changes);
        }

        List<SendRecord> sends() {
            return records(sends);
        }

        List<ReadMark> readMarks() {
            return records(readMarks);
        }

        List<ReceiptSeen> receipts() {
            return ReceiptsSeen.of(records(receipts));
        }

        List<Transmission> transmissions() {
            return records(transmissions);
        }

        List<MarkerSent> markers() {
            return records(markers);
        }

        List<Refetch> refetches() {
            return records(refetches);
        }

        Map<String, List<TranscriptEntry>> finalTranscripts() {
            Map<String, List<TranscriptEntry>> transcripts = new HashMap<>();
            for (Numbered n : finalTranscripts) {
                FinalTranscript t = (FinalTranscript) n.record();
                transcripts.put(t.room(), t.entries());
            }
            return transcripts;
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> records(List<Numbered> numbered) {
            List<T> list = new ArrayList<>(numbered.size());
            for (Numbered n : numbered) {
                list.add((T) n.record());
            }
            return list;
        }
    }

    /**
     * The thread that encodes the records and writes them: the threads that record (in the
     * simulator, the one that plays the run) only hand each record over and go on. Encoding in
     * line (each string through the cache, each number as a variable-length integer) took a third
     * of the playing thread's time in a 1,000-client simulation. Records are handed over in
     * batches and written in the order they were handed over, so each room's file holds the same
     * bytes as when they were written in line. At most {@link #WAITING} full batches wait: a
     * recorder faster than the disk waits for it, and what the queue holds is bounded.
     */
    private final class Writer {
        private static final int BATCH = 4096;
        private static final int WAITING = 16;

        private final ArrayBlockingQueue<Batch> full = new ArrayBlockingQueue<>(WAITING);
        /** Written batches, emptied, for the recorders to fill again (a batch is 128 KB of arrays). */
        private final ArrayBlockingQueue<Batch> free = new ArrayBlockingQueue<>(WAITING + 2);
        /** Guarded by this: the batch being filled, the thread (started with the first record), whether stopped. */
        private Batch current = new Batch();
        private Thread thread;
        private boolean stopped;
        /** Records handed over, and how many of them the last drain covered: a drain with nothing new is free. */
        private long handed;
        private long drainedUpTo = -1;
        private CompletableFuture<Void> lastDrain;
        /** The writer thread's own: the batch it writes (released should the thread die). */
        private Batch writing;
        /** The thread ended without being stopped (a bug, the JVM out of memory): nothing is written any more. */
        private volatile boolean dead;
        /** The writer thread's own: the files it wrote to, flushed at each drain. */
        private final List<RoomFile> written = new ArrayList<>();

        /** Hands a record over; false once stopped (the spill closed). */
        synchronized boolean enqueue(RoomFile file, int client, long clientSeq, int tag, Fields fields) {
            if (stopped || dead) {
                return !stopped; // after a death the failure is kept: the trace is refused
            }
            if (thread == null && !startThread()) {
                return true;
            }
            current.add(file, client, clientSeq, tag, fields);
            handed++;
            if (current.size == BATCH) {
                hand(current);
                current = fresh();
            }
            return true;
        }

        /**
         * Returns once every record handed over so far is written and flushed, and each file's
         * {@link RoomFile#readable} counts them (records handed over meanwhile may follow).
         */
        void drain() {
            finish(false);
        }

        /** As {@link #drain()}, and ends the thread: records handed over later are dropped. */
        void stop() {
            finish(true);
        }

        private boolean startThread() {
            Thread started = new Thread(this::run, "livetalk-trace-writer " + parent.getFileName());
            started.setDaemon(true);
            try {
                started.start();
            } catch (RuntimeException | OutOfMemoryError e) { // no native thread left
                fail(new NotWritten("the trace's writer thread could not start: " + describe(e), e));
                dead = true;
                return false;
            }
            thread = started;
            return true;
        }

        private void finish(boolean stop) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = stop;
                if (thread == null || dead) {
                    return; // nothing was ever handed over, or nothing will be written any more
                }
                if (!stop && handed == drainedUpTo) {
                    done = lastDrain; // nothing new since the last drain: once it is done
                } else {
                    drainedUpTo = handed;
                    lastDrain = done;
                    handOver(done, stop);
                }
            }
            done.join(); // not interruptible: the trace is whole, or the run's figures are not
        }

        /** Hands the batch being filled over with {@code done}, to complete once it is written. */
        private void handOver(CompletableFuture<Void> done, boolean stop) {
            Batch last = current;
            current = fresh();
            last.drained = done;
            last.stop = stop;
            hand(last);
        }

        private Batch fresh() {
            Batch batch = free.poll();
            return batch != null ? batch : new Batch();
        }

        /**
         * Puts a batch in the queue, waiting for room even when interrupted (the interrupt is
         * kept), unless the writer thread died: then what waits is released.
         */
        private void hand(Batch batch) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (full.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    if (dead) {
                        break;
                    }
                }
                if (dead) {
                    releaseWaiting(batch);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void run() {
            try {
                while (true) {
                    Batch batch;
                    try {
                        batch = full.take();
                    } catch (InterruptedException e) {
                        continue; // nobody interrupts this thread but to stop the JVM, and then it is a daemon
                    }
                    writing = batch;
                    for (int i = 0; i < batch.size; i++) {
                        write(batch, i);
                    }
                    if (batch.drained != null) {
                        flushWritten();
                        batch.drained.complete(null);
                    }
                    if (batch.stop) {
                        written.forEach(file -> file.lastFinal = List.of()); // read back from the files from now on
                        return;
                    }
                    writing = null;
                    batch.clear();
                    free.offer(batch);
                }
            } catch (VirtualMachineError e) {
                fatal = e; // out of memory: the reader gets it, as a run out of heap while recording
                fail(new NotWritten("the trace's writer ran out of memory", e));
            } catch (Throwable e) {
                fail(new NotWritten("the trace's writer stopped: " + describe(e), e));
            } finally {
                if (failure.get() != null || fatal != null) {
                    dead = true;
                    releaseWaiting(writing);
                }
            }
        }

        /** After the writer's death: every drain that waits, and {@code batch}'s, returns (the failure is kept). */
        private void releaseWaiting(Batch batch) {
            if (batch != null && batch.drained != null) {
                batch.drained.complete(null);
            }
            for (Batch waiting = full.poll(); waiting != null; waiting = full.poll()) {
                if (waiting.drained != null) {
                    waiting.drained.complete(null);
                }
            }
        }

        private void write(Batch batch, int i) {
            if (failure.get() != null) {
                return; // the trace is incomplete already: reading it is refused
            }
            RoomFile file = batch.files[i];
            try {
                if (!file.listed) {
                    file.listed = true;
                    written.add(file);
                }
                file.out.writeByte(batch.tags[i]);
                if (batch.clients[i] >= 0) {
                    writeVar(file.out, batch.clients[i]);
                    writeVar(file.out, batch.seqs[i]);
                }
                batch.fields[i].write(file);
            } catch (IOException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new NotWritten("a record of the trace could not be written: " + describe(e), e));
            }
        }

        private void flushWritten() {
            for (RoomFile file : written) {
                try {
                    file.out.flush();
                    file.readable = Files.size(file.path);
                } catch (IOException e) {
                    fail(e);
                }
            }
        }
    }

    /** A record the writer could not encode, or the writer's end: a harness bug, not the disk's. */
    private static final class NotWritten extends IOException {
        private static final long serialVersionUID = 1L;

        NotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What went wrong, even from a throwable whose own description throws. */
    private static String describe(Throwable e) {
        try {
            return String.valueOf(e);
        } catch (RuntimeException unprintable) {
            return e.getClass().getName();
        }
    }

    /** Records handed over to the writer together, in order; a drain's or stop's last batch says so. */
    private static final class Batch {
        final RoomFile[] files = new RoomFile[Writer.BATCH];
        final int[] clients = new int[Writer.BATCH];
        final long[] seqs = new long[Writer.BATCH];
        final int[] tags = new int[Writer.BATCH];
        final Fields[] fields = new Fields[Writer.BATCH];
        int size;
        CompletableFuture<Void> drained;
        boolean stop;

        void add(RoomFile file, int client, long seq, int tag, Fields recordFields) {
            files[size] = file;
            clients[size] = client;
            seqs[size] = seq;
            tags[size] = tag;
            fields[size] = recordFields;
            size++;
        }

        /** Empty again, holding on to none of its records. */
        void clear() {
            java.util.Arrays.fill(files, 0, size, null);
            java.util.Arrays.fill(fields, 0, size, null);
            size = 0;
        }
    }

    /** Writes a record's fields. */
    @FunctionalInterface
    private interface Fields {
        void write(RoomFile file) throws IOException;
    }

    /**
     * One room's file, its output and the writer's side of its string cache; written by the
     * {@link Writer}'s thread only.
     */
    private static final class RoomFile {
        final String room;
        final Path path;
        final DataOutputStream out;
        final String[] strings = new String[STRING_SLOTS];
        /** The hash of each slot's string: a slot that holds another string is told without reading it. */
        final int[] hashes = new int[STRING_SLOTS];
        /** The last final transcript written: the next one is written as its differences from it. */
        List<TranscriptEntry> lastFinal = List.of();
        /** The bytes written and flushed at the writer's last drain: whole records, what a reader reads. */
        volatile long readable;
        /** Whether an eviction was written: the reader then keeps each line's last entry. */
        volatile boolean evicts;
        /** Whether the writer lists it among the files it flushes. */
        boolean listed;

        RoomFile(String room, Path path) throws IOException {
            this.room = room;
            this.path = path;
            // java.io streams, not channels: an interrupt of the thread writing (a run stopped by a signal)
            // must not close the file under the trace
            OutputStream file = new FileOutputStream(path.toFile());
            this.out = new DataOutputStream(new BufferedOutputStream(file, BUFFER_BYTES));
        }

        void time(long nanos) throws IOException {
            writeVar(out, zigzag(nanos));
        }

        void signed(long value) throws IOException {
            writeVar(out, zigzag(value));
        }

        void status(MessageStatus status) throws IOException {
            out.writeByte(status == null ? 0 : status.ordinal() + 1);
        }

        void kind(ReceiptKind kind) throws IOException {
            out.writeByte(kind.ordinal());
        }

        /** {@code 0} for null; the slot + 2 when the cache holds it; else 1 and the text, which takes the slot. */
        void string(String s) throws IOException {
            if (s == null) {
                out.writeByte(0);
                return;
            }
            int h = s.hashCode();
            int slot = slot(h);
            String cached = strings[slot];
            if (cached == s || (hashes[slot] == h && s.equals(cached))) {
                writeVar(out, slot + 2L);
                return;
            }
            strings[slot] = s;
            hashes[slot] = h;
            out.writeByte(1);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeVar(out, utf8.length);
            out.write(utf8);
        }

        void entry(TranscriptEntry entry) throws IOException {
            signed(entry.seq());
            string(entry.id());
            string(entry.clientMsgId());
            string(entry.from());
            string(entry.body());
            string(entry.replyTo());
            status(entry.status());
        }

        /**
         * A final transcript, as its differences from the room's previous one (the clients of a
         * room that converged show the same lines): its size, then runs of a count of entries
         * equal to the previous transcript's at the same place and a count of entries written
         * out, until the size is reached.
         */
        void finalTranscript(List<TranscriptEntry> entries) throws IOException {
            List<TranscriptEntry> previous = lastFinal;
            int size = entries.size();
            signed(size);
            int i = 0;
            while (i < size) {
                int same = 0;
                while (i + same < size && sameAt(entries, previous, i + same)) {
                    same++;
                }
                int fresh = 0;
                while (i + same + fresh < size && !sameAt(entries, previous, i + same + fresh)) {
                    fresh++;
                }
                signed(same);
                signed(fresh);
                for (int k = i + same; k < i + same + fresh; k++) {
                    entry(entries.get(k));
                }
                i += same + fresh;
            }
            lastFinal = entries;
        }

        private static boolean sameAt(List<TranscriptEntry> entries, List<TranscriptEntry> previous, int i) {
            return i < previous.size() && entries.get(i).equals(previous.get(i));
        }
    }

    /** The reader's side: the same cache, rebuilt as the file is read. */
    private static final class Reader {
        private final DataInputStream in;
        private final String[] strings = new String[STRING_SLOTS];
        /** The room's last final transcript read: the next one is read as its differences from it. */
        private List<TranscriptEntry> lastFinal = List.of();
        /**
         * The entries read so far, each once: a line of a message shows the same entry at every member
         * (and again in each of its changes), so equal entries are read back as one object.
         */
        private final SameObjects<TranscriptEntry> entries = new SameObjects<>();
        /** The texts shared with the room's other readings, or {@code null}. */
        private final Strings shared;

        Reader(DataInputStream in, Strings shared) {
            this.in = in;
            this.shared = shared;
        }

        long unsigned() throws IOException {
            return readVar(in);
        }

        long signed() throws IOException {
            return unzigzag(readVar(in));
        }

        long time() throws IOException {
            return signed();
        }

        MessageStatus status() throws IOException {
            int b = in.readUnsignedByte();
            return b == 0 ? null : STATUSES[b - 1];
        }

        ReceiptKind kind() throws IOException {
            return KINDS[in.readUnsignedByte()];
        }

        String string() throws IOException {
            long code = readVar(in);
            if (code == 0) {
                return null;
            }
            if (code >= 2) {
                return strings[(int) (code - 2)];
            }
            byte[] utf8 = new byte[(int) readVar(in)];
            in.readFully(utf8);
            String s = new String(utf8, StandardCharsets.UTF_8);
            if (shared != null) {
                s = shared.share(s);
            }
            strings[slot(s.hashCode())] = s;
            return s;
        }

        /** A final transcript as {@link RoomFile#finalTranscript} wrote it. */
        List<TranscriptEntry> finalTranscript() throws IOException {
            int size = (int) signed();
            List<TranscriptEntry> entries = new ArrayList<>(size);
            while (entries.size() < size) {
                int same = (int) signed();
                int fresh = (int) signed();
                if (same < 0 || fresh < 0 || entries.size() + same + fresh > size
                        || entries.size() + same > lastFinal.size() || same + fresh == 0) {
                    throw new IOException("a final transcript's runs do not add up (" + same + " same, " + fresh
                            + " new at entry " + entries.size() + " of " + size + ")");
                }
                entries.addAll(lastFinal.subList(entries.size(), entries.size() + same));
                for (int k = 0; k < fresh; k++) {
                    entries.add(entry());
                }
            }
            lastFinal = entries;
            return entries;
        }

        /** Reads past an entry: its strings go through the cache as {@link #entry()}'s do. */
        void skipEntry() throws IOException {
            signed();
            for (int i = 0; i < 5; i++) {
                string();
            }
            status();
        }

        TranscriptEntry entry() throws IOException {
            long seq = signed();
            String id = string();
            String clientMsgId = string();
            String from = string();
            String body = string();
            String replyTo = string();
            TranscriptEntry entry = new TranscriptEntry(seq, id, clientMsgId, from, body, replyTo, status());
            return entries.same(entry);
        }
    }

    /** The first {@code remaining} bytes of a stream: the part of a room's file written before it was read. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (STRING_SLOTS - 1);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVar(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVar(InputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the trace ends inside a record");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("a number in the trace is longer than 64 bits");
    }
}
