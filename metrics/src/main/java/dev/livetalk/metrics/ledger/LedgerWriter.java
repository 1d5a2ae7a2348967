package dev.livetalk.metrics.ledger;

import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RunTrace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes a ledger folder as the run is measured, one room at a time ({@link #add}), holding a
 * few thousand rows at a time whatever the run's length: each row goes to the writer as it is
 * made, in chunks of {@link #CHUNK_ROWS} rows per table. The files are those
 * {@link LedgerFiles#write} writes of {@link Ledger#of}: the same rows in the same order. Messages
 * and deliveries go out as made, as the ledger orders them; markers, receipts and refetches go
 * into a spill file per table ({@code .spill/} in the ledger folder), each chunk sorted as one
 * segment, and {@link #finish} merges the segments into the table in the ledger's order (ties in
 * the order the rows were made, rooms in order, as the stable sort of the whole ledger keeps them),
 * then removes the spill files. A transcript row (one client's room: every line it showed, tens of
 * MB in an hour-long run) goes line by line, a few lines at a time, into a file of its own in
 * {@code .spill/transcripts/} as the replay hands its lines over while they settle
 * ({@link #lineFolds}), or from a replay that kept them when its room is added; {@link #finish}
 * writes each row's start, its lines and its end into the table in the ledger's order. Welcomes
 * and faults come from the run's clients and windows, which the run holds anyway.
 *
 * <p>The chunks are written on a writer thread while the rooms are measured (at most
 * {@link #IN_FLIGHT} waiting); a {@link PartSink} (the OTLP traces) gets each room's messages
 * and deliveries there too, after the files (only then are a room's rows held whole).
 *
 * <p>One thread adds, finishes and closes.
 */
public final class LedgerWriter implements AutoCloseable {
    /** The folder of spill files in the ledger folder while the ledger is written. */
    static final String SPILL_FOLDER = ".spill";
    /** The folder of the transcript rows' lines in {@link #SPILL_FOLDER}, a file per row. */
    static final String TRANSCRIPT_FOLDER = "transcripts";
    private static final List<LedgerTable> SPILLED = List.of(LedgerTable.MARKERS, LedgerTable.RECEIPTS,
            LedgerTable.REFETCHES);
    /**
     * A transcript row's lines handed to the writer thread at a time, at most: each member of the room
     * being replayed holds up to this many (a room's members are replayed side by side).
     */
    static final int TRANSCRIPT_LINES = 1024;
    /** The read buffer of each segment in a merge, at most; less when many segments share {@link #MERGE_BUFFERS}. */
    private static final int MERGE_BUFFER = 1 << 15;
    private static final int MERGE_BUFFER_MIN = 1 << 12;
    /** The read buffers of one table's merge together, at most (unless each has its minimum). */
    private static final int MERGE_BUFFERS = 16 << 20;
    /** Rows per chunk handed to the writer thread. */
    static final int CHUNK_ROWS = 16384;
    /** Chunks handed to the writer thread and not yet written, at most. */
    static final int IN_FLIGHT = 4;

    /** Takes each room's rows as they are written. */
    @FunctionalInterface
    public interface PartSink {
        /** A room's rows: its messages and deliveries in ledger order, with every fault window of the run. */
        void accept(Ledger part) throws IOException;
    }

    /** Opens a file to write, at its end when {@code append} (a seam for the tests' failing disk). */
    @FunctionalInterface
    interface Opener {
        /** The disk's files. */
        Opener FILES = (file, append) -> append
                ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(file);

        OutputStream open(Path file, boolean append) throws IOException;
    }

    /**
     * What was written.
     *
     * @param pairs      the (message, recipient) rows
     * @param messages   the message rows
     * @param bytes      the bytes of the tables, schema excluded (0 when no folder)
     * @param spillBytes the bytes the spill files held before the merge
     */
    public record Written(long pairs, long messages, long bytes, long spillBytes) {
    }

    private final Path folder;
    private final RunTrace run;
    private final LedgerBuilder builder;
    private final LedgerFiles.RowWriter rows;
    private final PartSink sink;
    private final Opener opener;
    private final ExecutorService writerThread;
    private final Map<LedgerTable, Spill> spills = new EnumMap<>(LedgerTable.class);
    private OutputStream messagesOut;
    private OutputStream deliveriesOut;
    private final int chunkRows;
    private final java.util.ArrayDeque<Future<?>> pending = new java.util.ArrayDeque<>();
    private final Chunks chunks = new Chunks();
    /** The transcript rows ended, in the order they ended (the ledger's order for ties). */
    private final List<EndedTranscript> transcripts = new ArrayList<>();
    private int transcriptFiles;
    private long pairs;
    private long messages;
    private boolean finished;
    private boolean closed;

    private LedgerWriter(Path folder, LedgerFiles.Stamp stamp, RunTrace run, PartSink sink, Opener opener,
                         int chunkRows) {
        this.folder = folder;
        this.run = run;
        this.chunkRows = chunkRows;
        this.builder = new LedgerBuilder(run, chunks);
        this.rows = new LedgerFiles.RowWriter(stamp);
        this.sink = sink;
        this.opener = opener;
        this.writerThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ledger-writer")
                .factory());
    }

    /**
     * Starts the ledger of {@code run} in {@code folder} (created if missing; {@code null}: no files,
     * the rows only go to {@code sink}).
     *
     * @param run  the run's clients, windows and warm-up end (the parts added replay its rooms)
     * @param sink takes each room's rows, or {@code null}
     */
    public static LedgerWriter open(Path folder, LedgerFiles.Stamp stamp, RunTrace run, PartSink sink)
            throws IOException {
        return open(folder, stamp, run, sink, Opener.FILES);
    }

    static LedgerWriter open(Path folder, LedgerFiles.Stamp stamp, RunTrace run, PartSink sink, Opener opener)
            throws IOException {
        return open(folder, stamp, run, sink, opener, CHUNK_ROWS);
    }

    /** As {@link #open(Path, LedgerFiles.Stamp, RunTrace, PartSink, Opener)}, in chunks of {@code chunkRows} rows. */
    static LedgerWriter open(Path folder, LedgerFiles.Stamp stamp, RunTrace run, PartSink sink, Opener opener,
                             int chunkRows) throws IOException {
        LedgerWriter writer = new LedgerWriter(folder, stamp, run, sink, opener, chunkRows);
        try {
            writer.start();
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    private void start() throws IOException {
        if (folder == null) {
            return;
        }
        Path transcriptFolder = folder.resolve(SPILL_FOLDER).resolve(TRANSCRIPT_FOLDER);
        Files.createDirectories(transcriptFolder);
        // an earlier writer's lines files (a run killed while it wrote): a row's are written anew, but the
        // numbers past this run's would stay and keep the spill folder from being removed
        try (java.util.stream.Stream<Path> stale = Files.list(transcriptFolder)) {
            for (Path file : stale.filter(f -> f.getFileName().toString().endsWith(".lines")).toList()) {
                Files.deleteIfExists(file);
            }
        }
        messagesOut = table(LedgerTable.MESSAGES);
        deliveriesOut = table(LedgerTable.DELIVERIES);
        for (LedgerTable table : SPILLED) {
            Path file = spillFile(table);
            spills.put(table, new Spill(file, openFile(file, "spill file")));
        }
    }

    private OutputStream table(LedgerTable table) throws IOException {
        return LedgerFiles.tableOutput(openFile(folder.resolve(table.fileName()), "table"));
    }

    private OutputStream openFile(Path file, String what) throws IOException {
        return openFile(file, what, false);
    }

    private OutputStream openFile(Path file, String what, boolean append) throws IOException {
        try {
            return opener.open(file, append);
        } catch (IOException e) {
            throw failed(what, file, e);
        }
    }

    private Path spillFile(LedgerTable table) {
        return folder.resolve(SPILL_FOLDER).resolve(table.tableName() + ".spill");
    }

    /**
     * What hands each member's final lines to its transcript row as a replay hands them over while they
     * settle ({@link LedgerBuilder#lineFolds}): replay the rooms {@link #add}ed with these folds (with
     * others beside them: {@link dev.livetalk.metrics.replay.LineFolds#both}), and no replay keeps its lines.
     */
    public dev.livetalk.metrics.replay.LineFolds lineFolds() {
        return builder.lineFolds();
    }

    /**
     * Adds the rows of the rooms replayed in {@code part} (each room in one part only), handing them
     * to the writer thread chunk by chunk as they are made.
     *
     * @throws IOException when writing an earlier chunk failed, naming the file
     */
    public void add(ReplayedRun part) throws IOException {
        requireOpen();
        try {
            builder.add(part);
            chunks.flushAll();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (sink != null) {
            Ledger rows = new Ledger(chunks.partMessages, chunks.partDeliveries, List.of(), List.of(), List.of(),
                    builder.faults(), List.of(), List.of());
            chunks.partMessages = new ArrayList<>();
            chunks.partDeliveries = new ArrayList<>();
            submit(() -> sink.accept(rows));
        }
    }

    /** A task of the writer thread. */
    @FunctionalInterface
    private interface Task {
        void run() throws IOException;
    }

    /** Hands {@code task} to the writer thread, once fewer than {@link #IN_FLIGHT} wait there. */
    private void submit(Task task) throws IOException {
        while (pending.size() >= IN_FLIGHT) {
            await(pending.peekFirst());
            pending.removeFirst();
        }
        pending.addLast(writerThread.submit(() -> {
            task.run();
            return null;
        }));
    }

    /** The rows as they are made, gathered into chunks for the writer thread. */
    private final class Chunks implements LedgerBuilder.Rows {
        List<MessageRow> messageRows = new ArrayList<>();
        List<DeliveryRow> deliveryRows = new ArrayList<>();
        List<MarkerRow> markerRows = new ArrayList<>();
        List<ReceiptRow> receiptRows = new ArrayList<>();
        List<RefetchRow> refetchRows = new ArrayList<>();
        /** The room's messages and deliveries for the sink, when there is one. */
        List<MessageRow> partMessages = new ArrayList<>();
        List<DeliveryRow> partDeliveries = new ArrayList<>();

        @Override
        public void message(MessageRow row) {
            messageRows.add(row);
            if (sink != null) {
                partMessages.add(row);
            }
            if (messageRows.size() >= chunkRows) {
                flushMessages();
            }
        }

        @Override
        public void delivery(DeliveryRow row) {
            deliveryRows.add(row);
            if (sink != null) {
                partDeliveries.add(row);
            }
            if (deliveryRows.size() >= chunkRows) {
                flushDeliveries();
            }
        }

        @Override
        public LedgerLines.TranscriptLines transcript(String client, String room) {
            return folder == null ? Unwritten.TRANSCRIPT : new StreamedTranscript(client, room);
        }

        @Override
        public void marker(MarkerRow row) {
            markerRows.add(row);
            if (markerRows.size() >= chunkRows) {
                flushMarkers();
            }
        }

        @Override
        public void receipt(ReceiptRow row) {
            receiptRows.add(row);
            if (receiptRows.size() >= chunkRows) {
                flushReceipts();
            }
        }

        @Override
        public void refetch(RefetchRow row) {
            refetchRows.add(row);
            if (refetchRows.size() >= chunkRows) {
                flushRefetches();
            }
        }

        void flushAll() {
            flushMessages();
            flushDeliveries();
            flushMarkers();
            flushReceipts();
            flushRefetches();
        }

        private void flushMessages() {
            if (messageRows.isEmpty()) {
                return;
            }
            List<MessageRow> chunk = messageRows;
            messageRows = new ArrayList<>();
            messages += chunk.size();
            hand(() -> {
                if (folder != null) {
                    lines(messagesOut, LedgerTable.MESSAGES, chunk);
                }
            });
        }

        private void flushDeliveries() {
            if (deliveryRows.isEmpty()) {
                return;
            }
            List<DeliveryRow> chunk = deliveryRows;
            deliveryRows = new ArrayList<>();
            pairs += chunk.size();
            hand(() -> {
                if (folder != null) {
                    lines(deliveriesOut, LedgerTable.DELIVERIES, chunk);
                }
            });
        }

        private void flushMarkers() {
            if (markerRows.isEmpty()) {
                return;
            }
            List<MarkerRow> chunk = markerRows;
            markerRows = new ArrayList<>();
            chunk.sort(Comparator.comparingLong(MarkerRow::atUs));
            hand(() -> spilled(LedgerTable.MARKERS, chunk, i -> chunk.get(i).atUs()));
        }

        private void flushReceipts() {
            if (receiptRows.isEmpty()) {
                return;
            }
            List<ReceiptRow> chunk = receiptRows;
            receiptRows = new ArrayList<>();
            chunk.sort(Comparator.comparingLong(ReceiptRow::atUs));
            hand(() -> spilled(LedgerTable.RECEIPTS, chunk, i -> chunk.get(i).atUs()));
        }

        private void flushRefetches() {
            if (refetchRows.isEmpty()) {
                return;
            }
            List<RefetchRow> chunk = refetchRows;
            refetchRows = new ArrayList<>();
            chunk.sort(Comparator.comparingLong(RefetchRow::atUs));
            hand(() -> spilled(LedgerTable.REFETCHES, chunk, i -> chunk.get(i).atUs()));
        }

        private void spilled(LedgerTable table, List<?> chunk, java.util.function.IntToLongFunction at)
                throws IOException {
            if (folder != null) {
                spill(table, chunk, at, i -> 0);
            }
        }

        /** A chunk to the writer thread (empty ones skipped); a failure to write surfaces unchecked, {@link #add} unwraps it. */
        private void hand(Task task) {
            try {
                submit(task);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes what is left (the merged tables, the faults, welcomes, connection attempts and schema) and removes the
     * spill files.
     *
     * @throws IOException when a file cannot be written, naming it
     */
    public Written finish() throws IOException {
        requireOpen();
        awaitPending();
        if (folder == null) {
            shutdown();
            finished = true;
            return new Written(pairs, messages, 0, 0);
        }
        closeTable(messagesOut, LedgerTable.MESSAGES);
        closeTable(deliveriesOut, LedgerTable.DELIVERIES);
        long spillBytes = 0;
        for (Spill spill : spills.values()) {
            spill.close();
            spillBytes += spill.position;
        }
        for (EndedTranscript row : transcripts) {
            spillBytes += row.file() == null ? 0 : Files.size(row.file());
        }
        List<Callable<Void>> tables = new ArrayList<>();
        tables.add(() -> {
            writeTranscripts();
            return null;
        });
        for (LedgerTable table : SPILLED) {
            tables.add(() -> {
                merge(spills.get(table), table);
                return null;
            });
        }
        tables.add(() -> writeWhole(LedgerTable.FAULTS, builder.faults()));
        tables.add(() -> writeWhole(LedgerTable.WELCOMES, builder.welcomes()));
        tables.add(() -> writeWhole(LedgerTable.CONNECTS, builder.connects()));
        int threads = Math.min(SPILLED.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("ledger-merge-", 0).factory())) {
            for (Future<Void> done : pool.invokeAll(tables)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the ledger into " + folder);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
        LedgerFiles.writeSchema(folder);
        deleteSpill();
        long bytes = 0;
        for (LedgerTable table : LedgerTable.values()) {
            bytes += Files.size(folder.resolve(table.fileName()));
        }
        shutdown();
        finished = true;
        return new Written(pairs, messages, bytes, spillBytes);
    }

    /**
     * Stops the writer thread and removes the spill files; a ledger not finished is removed too
     * (no half ledger is left for audit or explain to read). A second call does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.forEach(task -> task.cancel(true));
        pending.clear();
        shutdown();
        if (folder == null) {
            return;
        }
        for (Spill spill : spills.values()) {
            spill.closeQuietly();
        }
        closeQuietly(messagesOut);
        closeQuietly(deliveriesOut);
        try {
            deleteSpill();
            if (!finished) {
                for (LedgerTable table : LedgerTable.values()) {
                    Files.deleteIfExists(folder.resolve(table.fileName()));
                }
                Files.deleteIfExists(folder.resolve(LedgerFiles.SCHEMA_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished ledger's files in " + folder, e);
        }
    }

    private void shutdown() {
        writerThread.shutdownNow();
        try {
            if (!writerThread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the ledger writer thread did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireOpen() {
        if (closed || finished) {
            throw new IllegalStateException("the ledger writer is " + (closed ? "closed" : "finished"));
        }
    }

    private void awaitPending() throws IOException {
        while (!pending.isEmpty()) {
            await(pending.peekFirst());
            pending.removeFirst();
        }
    }

    private static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the ledger");
        } catch (CancellationException e) {
            throw new IllegalStateException("the ledger's writing was cancelled", e);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    private static IOException rethrown(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("writing the ledger failed", cause);
    }

    private void lines(OutputStream out, LedgerTable table, List<?> tableRows) throws IOException {
        try {
            for (Object row : tableRows) {
                rows.line(row).writeSliced(out);
                out.write('\n');
            }
        } catch (IOException e) {
            throw failed("table", folder.resolve(table.fileName()), e);
        }
    }

    /** A part's rows (sorted) as one segment of the table's spill file: per row its sort key and its line. */
    private void spill(LedgerTable table, List<?> tableRows, java.util.function.IntToLongFunction first,
                       java.util.function.IntToLongFunction second) throws IOException {
        if (tableRows.isEmpty()) {
            return;
        }
        Spill spill = spills.get(table);
        try {
            spill.segments.add(spill.position);
            for (int i = 0; i < tableRows.size(); i++) {
                LedgerFiles.Line line = rows.line(tableRows.get(i));
                spill.out.writeLong(first.applyAsLong(i));
                spill.out.writeLong(second.applyAsLong(i));
                spill.out.writeInt(line.size());
                line.writeSliced(spill.out);
                spill.position += 2L * Long.BYTES + Integer.BYTES + line.size();
            }
        } catch (IOException e) {
            throw failed("spill file", spill.file, e);
        }
    }

    /** The segments of a spill file merged into its table: by key, ties in segment (room) order. */
    private void merge(Spill spill, LedgerTable table) throws IOException {
        Path file = folder.resolve(table.fileName());
        try (OutputStream out = table(table);
             FileChannel channel = FileChannel.open(spill.file, StandardOpenOption.READ)) {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::first)
                    .thenComparingLong(Head::second).thenComparingInt(Head::segment));
            List<Long> starts = spill.segments;
            int buffer = Math.max(MERGE_BUFFER_MIN, Math.min(MERGE_BUFFER, MERGE_BUFFERS / Math.max(1, starts.size())));
            for (int s = 0; s < starts.size(); s++) {
                long end = s + 1 < starts.size() ? starts.get(s + 1) : spill.position;
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new Segment(channel, starts.get(s), end), buffer));
                Head head = Head.next(in, s);
                if (head != null) {
                    heads.add(head);
                }
            }
            try {
                byte[] copy = new byte[MERGE_BUFFER];
                while (!heads.isEmpty()) {
                    Head head = heads.poll();
                    head.copyLine(out, copy);
                    out.write('\n');
                    Head next = Head.next(head.in, head.segment);
                    if (next != null) {
                        heads.add(next);
                    }
                }
            } catch (IOException e) {
                throw failed("table", file, e);
            }
        } catch (IOException e) {
            throw named(e, "table (merging " + spill.file + ")", file);
        }
    }

    private Void writeWhole(LedgerTable table, List<?> tableRows) throws IOException {
        try (OutputStream out = table(table)) {
            lines(out, table, tableRows);
        } catch (IOException e) {
            throw named(e, "table", folder.resolve(table.fileName()));
        }
        return null;
    }

    private void closeTable(OutputStream out, LedgerTable table) throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw failed("table", folder.resolve(table.fileName()), e);
        }
    }

    /** {@code e} as it is when it names its file already ({@link #failed}), else {@link #failed}. */
    private static IOException named(IOException e, String what, Path file) {
        return e.getMessage() != null && e.getMessage().startsWith("cannot write the ledger") ? e
                : failed(what, file, e);
    }

    private static IOException failed(String what, Path file, IOException cause) {
        return new IOException("cannot write the ledger's " + what + " " + file + ": " + cause.getMessage()
                + " (is the disk full?)", cause);
    }

    private void deleteSpill() throws IOException {
        Path spillFolder = folder.resolve(SPILL_FOLDER);
        for (LedgerTable table : SPILLED) {
            Files.deleteIfExists(spillFile(table));
        }
        Path transcriptFolder = spillFolder.resolve(TRANSCRIPT_FOLDER);
        for (int file = 0; file < transcriptFiles; file++) {
            Files.deleteIfExists(transcriptFile(file));
        }
        Files.deleteIfExists(transcriptFolder);
        Files.deleteIfExists(spillFolder);
    }

    private Path transcriptFile(int number) {
        return folder.resolve(SPILL_FOLDER).resolve(TRANSCRIPT_FOLDER).resolve(number + ".lines");
    }

    /** The transcript rows into their table, in the ledger's order: each one's start, its lines' file, its end. */
    private void writeTranscripts() throws IOException {
        List<EndedTranscript> inOrder = new ArrayList<>(transcripts);
        inOrder.sort((a, b) -> java.util.Arrays.compare(a.key(), b.key())); // stable: ties as they ended
        Path file = folder.resolve(LedgerTable.TRANSCRIPTS.fileName());
        try (OutputStream out = table(LedgerTable.TRANSCRIPTS)) {
            for (EndedTranscript row : inOrder) {
                out.write(row.start());
                if (row.file() != null) {
                    Files.copy(row.file(), out);
                }
                out.write(row.end());
                out.write('\n');
            }
        } catch (IOException e) {
            throw named(e, "table", file);
        }
    }

    /**
     * A transcript row whose lines are all written: its sort key (the client's place in the trace, the room's
     * among the client's rooms), its JSON before and after its lines, and the file of its lines ({@code null}:
     * none).
     */
    private record EndedTranscript(long[] key, byte[] start, byte[] end, Path file) {
    }

    /** Where a transcript row's lines go when the ledger writes no files (its rows go to a sink only). */
    private enum Unwritten implements LedgerLines.TranscriptLines {
        TRANSCRIPT;

        @Override
        public void line(TranscriptRow.Line line) {
        }

        @Override
        public void end(Long joinedAtSeq, List<TranscriptRow.Transition> transitions, int evicted, long[] key) {
        }
    }

    /**
     * A transcript row written as its lines come: a few at a time ({@link #TRANSCRIPT_LINES}) by the writer
     * thread onto the end of the row's file, its start and end made when it ends.
     */
    private final class StreamedTranscript implements LedgerLines.TranscriptLines {
        private final String client;
        private final String room;
        private final Path file;
        private List<TranscriptRow.Line> waiting = new ArrayList<>();
        private int handed;

        StreamedTranscript(String client, String room) {
            this.client = client;
            this.room = room;
            this.file = transcriptFile(transcriptFiles++);
        }

        @Override
        public void line(TranscriptRow.Line line) {
            waiting.add(line);
            if (waiting.size() >= Math.min(TRANSCRIPT_LINES, chunkRows)) {
                hand();
            }
        }

        private void hand() {
            if (waiting.isEmpty()) {
                return;
            }
            List<TranscriptRow.Line> lines = waiting;
            waiting = new ArrayList<>();
            boolean afterOthers = handed > 0;
            handed += lines.size();
            chunks.hand(() -> {
                // the first chunk starts the file anew
                try (OutputStream out = new BufferedOutputStream(openFile(file, "spill file", afterOthers), 1 << 13)) {
                    rows.transcriptLines(lines, afterOthers, out);
                } catch (IOException e) {
                    throw named(e, "spill file", file);
                }
            });
        }

        @Override
        public void end(Long joinedAtSeq, List<TranscriptRow.Transition> transitions, int evicted, long[] key) {
            hand();
            byte[][] ends;
            try {
                ends = rows.transcriptEnds(new TranscriptRow(client, room, joinedAtSeq, List.of(), transitions),
                        evicted);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // an in-memory buffer does not fail
            }
            transcripts.add(new EndedTranscript(key, ends[0], ends[1], handed > 0 ? file : null));
        }
    }

    private static void closeQuietly(OutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // already failing or given up: the files are removed next
        }
    }

    /** A table's spill file: its rows of every part, a segment per part. */
    private static final class Spill {
        final Path file;
        final DataOutputStream out;
        /** Where each segment starts. */
        final List<Long> segments = new ArrayList<>();
        long position;

        Spill(Path file, OutputStream out) {
            this.file = file;
            this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        }

        void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failed("spill file", file, e);
            }
        }

        void closeQuietly() {
            LedgerWriter.closeQuietly(out);
        }
    }

    /**
     * The next row of a segment in the merge: its sort key, its line left unread in the segment
     * until its turn comes (a transcript row is megabytes long, and every segment has a head).
     */
    private record Head(long first, long second, int segment, int length, DataInputStream in) {
        static Head next(DataInputStream in, int segment) throws IOException {
            long first;
            try {
                first = in.readLong();
            } catch (EOFException end) {
                return null;
            }
            long second = in.readLong();
            return new Head(first, second, segment, in.readInt(), in);
        }

        /** Copies the row's line to {@code out}, through {@code buffer}. */
        void copyLine(OutputStream out, byte[] buffer) throws IOException {
            int left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("the spill file ends inside a row");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** A segment of a file, read by position so that every segment shares the file's one channel. */
    private static final class Segment extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Segment(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new EOFException("the spill file ends before its segment does");
            }
            position += n;
            return n;
        }
    }
}
