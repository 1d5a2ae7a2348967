package dev.livetalk.metrics.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes and reads a ledger folder: one {@code TABLE.jsonl.gz} per {@link LedgerTable}, one
 * JSON object per line, snake_case fields, every field present ({@code null} when it never
 * happened), each row stamped with its scenario, strategy and seed; plus
 * {@code ledger.schema.json}, the JSON Schema of every table (docs/LEDGER.md).
 *
 * <p>Stateless; any thread.
 */
public final class LedgerFiles {
    /** The schema's file name in a ledger folder. */
    public static final String SCHEMA_FILE = "ledger.schema.json";
    private static final String SCHEMA_RESOURCE = "/ledger.schema.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .annotationIntrospector(new RequiredRowFields())
            .build();

    /**
     * The one place that says which fields of a ledger row are required: every field of a row
     * record of this package (and of the records in its lists) but those marked
     * {@link AddedLater}. A row that lacks one is refused as it is read, with the table's file,
     * the line and the field (Jackson's missing required creator property), where it would have
     * been read as {@code null} or 0 and failed far from the row, or been counted as such.
     */
    private static final class RequiredRowFields extends com.fasterxml.jackson.databind.introspect
            .JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(com.fasterxml.jackson.databind.introspect.AnnotatedMember member) {
            Boolean marked = super.hasRequiredMarker(member);
            Class<?> type = member.getDeclaringClass();
            if (marked != null || !type.isRecord() || !type.getPackageName().equals(LedgerFiles.class.getPackageName())) {
                return marked;
            }
            return !member.hasAnnotation(AddedLater.class);
        }
    }

    private LedgerFiles() {
    }

    /** Which run a row belongs to: written into every row, first. */
    @JsonPropertyOrder({"scenario", "strategy", "seed"})
    public record Stamp(String scenario, String strategy, long seed) {
    }

    @JsonPropertyOrder({"scenario", "strategy", "seed"})
    private record Stamped(@JsonUnwrapped Stamp stamp, @JsonUnwrapped Object row) {
    }

    /**
     * Writes {@code ledger} into {@code folder} (created if missing), replacing the tables there.
     *
     * @return the bytes written, schema excluded
     */
    public static long write(Path folder, Stamp stamp, Ledger ledger) throws IOException {
        Files.createDirectories(folder);
        ObjectWriter writer = MAPPER.writerFor(Stamped.class).withRootValueSeparator("\n");
        List<Callable<Long>> tables = new ArrayList<>();
        for (LedgerTable table : LedgerTable.values()) {
            tables.add(() -> writeTable(folder.resolve(table.fileName()), writer, stamp, ledger.rows(table)));
        }
        long bytes = 0;
        int threads = Math.min(tables.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("ledger-writer-", 0).factory())) {
            for (Future<Long> written : pool.invokeAll(tables)) {
                bytes += written.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the ledger into " + folder);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing the ledger into " + folder + " failed", e.getCause());
        }
        writeSchema(folder);
        return bytes;
    }

    /** Writes {@code ledger.schema.json} into {@code folder}. */
    static void writeSchema(Path folder) throws IOException {
        try (InputStream schema = LedgerFiles.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (schema == null) {
                throw new IllegalStateException("the ledger schema " + SCHEMA_RESOURCE + " is missing from the classpath");
            }
            Files.write(folder.resolve(SCHEMA_FILE), schema.readAllBytes());
        }
    }

    /**
     * Writes a table's rows one at a time, each a line of JSON stamped with its run (as {@link #write}
     * does), into a buffer kept per thread by one generator kept with it. {@code writeValueAsBytes}
     * made a generator, its context, a serializer provider and two byte arrays per row: 5.5 of the
     * 6.3 GB the ledger's writer allocated for the 1,000-client minute (JFR allocation samples).
     */
    static final class RowWriter {
        /** The largest buffer a thread keeps for its next row; a larger one, grown for one long row, goes. */
        private static final int KEPT_BUFFER = 1 << 20;
        private final ObjectWriter writer = MAPPER.writerFor(Stamped.class).withRootValueSeparator("");
        private final ObjectWriter transcriptLine = MAPPER.writerFor(TranscriptRow.Line.class)
                .withRootValueSeparator(",");
        private final Stamp stamp;
        private final ThreadLocal<Line> lines = ThreadLocal.withInitial(this::newLine);

        RowWriter(Stamp stamp) {
            this.stamp = stamp;
        }

        /** The row's line, without its line end; the buffer is this thread's, valid until its next call. */
        Line line(Object row) throws IOException {
            Line line = lines.get();
            if (line.array().length > KEPT_BUFFER) {
                // a long run's transcript row is tens of MB (every line a member showed): its buffer is not kept
                line = newLine();
                lines.set(line);
            }
            line.reset();
            line.sequence.write(new Stamped(stamp, row));
            return line;
        }

        /**
         * A transcript row's {@code lines} ({@link TranscriptRow.Line}) written to {@code out} as the row's JSON
         * holds them in its {@code lines} array, comma-separated, with a comma first when {@code afterOthers}:
         * what a transcript row streamed a few lines at a time is made of ({@link #transcriptEnds}).
         */
        void transcriptLines(List<TranscriptRow.Line> lines, boolean afterOthers, OutputStream out)
                throws IOException {
            if (lines.isEmpty()) {
                return;
            }
            if (afterOthers) {
                out.write(',');
            }
            try (SequenceWriter sequence = transcriptLine.writeValues(out)) {
                for (TranscriptRow.Line line : lines) {
                    sequence.write(line);
                }
            }
        }

        /**
         * The JSON of the stamped {@code row} (whose lines are empty) around its lines: what comes before the
         * first line, and what comes after the last with {@code evicted} as its {@code evicted_lines}. A row
         * whose lines are written in between, comma-separated, is the row's line as {@link #line} writes it
         * (a test holds them to it).
         */
        byte[][] transcriptEnds(TranscriptRow row, int evicted) throws IOException {
            if (!row.lines().isEmpty() || row.evictedLines() != 0) {
                throw new IllegalArgumentException("the ends of a transcript row are made of one without lines");
            }
            Line whole = line(row);
            String json = new String(whole.array(), 0, whole.size(), StandardCharsets.UTF_8);
            String lines = "\"lines\":[]";
            String last = "\"evicted_lines\":0}";
            int at = json.indexOf(lines); // the field's name: a string value holding it has its quotes escaped
            if (at < 0 || !json.endsWith(last)) {
                throw new IllegalStateException("a transcript row's JSON is not lines then evicted_lines last: "
                        + json);
            }
            int open = at + lines.length() - 1;
            return new byte[][] {json.substring(0, open).getBytes(StandardCharsets.UTF_8),
                    (json.substring(open, json.length() - last.length()) + "\"evicted_lines\":" + evicted + "}")
                            .getBytes(StandardCharsets.UTF_8)};
        }

        private Line newLine() {
            Line line = new Line();
            try {
                line.sequence = writer.writeValues(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // an in-memory buffer does not fail
            }
            return line;
        }
    }

    /** One row's line of JSON: {@link #array()} from 0 to {@link #size()}. */
    static final class Line extends java.io.ByteArrayOutputStream {
        private static final int SLICE = 8 << 10;
        private SequenceWriter sequence;

        Line() {
            super(256);
        }

        /** The buffer; the line is its first {@link #size()} bytes. */
        byte[] array() {
            return buf;
        }

        /**
         * Writes the line to {@code out} in slices of at most 8 KiB, which a buffered stream copies:
         * no stream after it keeps the buffer (a channel's output stream keeps the last array it was
         * given, and kept a long run's transcript row's tens of MB to the end of the run).
         */
        void writeSliced(OutputStream out) throws IOException {
            for (int from = 0; from < count; from += SLICE) {
                out.write(buf, from, Math.min(SLICE, count - from));
            }
        }
    }

    /** A new table file, gzip at the speed {@link #write} uses. */
    static OutputStream tableOutput(OutputStream file) throws IOException {
        return new FastGzip(new BufferedOutputStream(file, 1 << 16));
    }

    /**
     * One table, gzip at the fastest level: on the 200-client ledger (427 MB of JSON) level 1
     * deflates about 2.7 times faster than the default level 6 for 25% more bytes (64 against
     * 51 per (message, recipient)), and the time is what a user waits for after the run.
     */
    private static long writeTable(Path file, ObjectWriter writer, Stamp stamp, List<?> rows) throws IOException {
        try (OutputStream out = new FastGzip(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
             SequenceWriter sequence = writer.writeValues(out)) {
            for (Object row : rows) {
                sequence.write(new Stamped(stamp, row));
            }
            sequence.flush();
            if (!rows.isEmpty()) {
                out.write('\n');
            }
        }
        return Files.size(file);
    }

    /** Gzip at {@link Deflater#BEST_SPEED}. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /**
     * Reads the ledger in {@code folder}.
     *
     * @throws NoSuchFileException when a table is missing, naming it (the welcomes, refetches and connection
     *                             attempts of a ledger written before they were recorded read as empty)
     * @throws IOException         when a row is not valid, naming the file and line
     */
    public static Ledger read(Path folder) throws IOException {
        requireHeapFor(folder, Runtime.getRuntime().maxMemory());
        Map<LedgerTable, List<Object>> tables = new EnumMap<>(LedgerTable.class);
        for (LedgerTable table : LedgerTable.values()) {
            Path file = folder.resolve(table.fileName());
            tables.put(table, table.addedLater() && !Files.exists(file) ? List.of()
                    : readTable(file, table.rowType()));
        }
        return new Ledger(cast(tables.get(LedgerTable.MESSAGES)), cast(tables.get(LedgerTable.DELIVERIES)),
                cast(tables.get(LedgerTable.TRANSCRIPTS)), cast(tables.get(LedgerTable.MARKERS)),
                cast(tables.get(LedgerTable.RECEIPTS)), cast(tables.get(LedgerTable.FAULTS)),
                cast(tables.get(LedgerTable.WELCOMES)), cast(tables.get(LedgerTable.REFETCHES)),
                cast(tables.get(LedgerTable.CONNECTS)));
    }

    /**
     * Heap a ledger read whole takes per byte of its compressed tables: the rows' objects took 25
     * (a 9,360-row library ledger, the largest there) to 42 (ledgers of 500 rows) bytes per byte
     * (docs/LEDGER.md, Reading a large ledger).
     */
    static final long HEAP_PER_COMPRESSED_BYTE = 40;

    /**
     * Refuses, before reading, a ledger whose rows would not fit in {@code maxHeap}: a clear
     * message rather than an {@link OutOfMemoryError} halfway through an hour's ledger.
     *
     * @throws LedgerTooLargeException naming the folder, its size, the heap it needs and has
     */
    static void requireHeapFor(Path folder, long maxHeap) throws IOException {
        long compressed = 0;
        for (LedgerTable table : LedgerTable.values()) {
            Path file = folder.resolve(table.fileName());
            compressed += Files.isRegularFile(file) ? Files.size(file) : 0;
        }
        long needs = compressed * HEAP_PER_COMPRESSED_BYTE;
        if (maxHeap != Long.MAX_VALUE && needs > maxHeap) {
            throw new LedgerTooLargeException(String.format(java.util.Locale.ROOT,
                    "the ledger in %s (%.0f MB of compressed tables) needs about %.1f GB of heap to be read whole,"
                            + " more than this JVM's maximum of %.1f GB; give it more"
                            + " (LIVETALK_JAVA_OPTS=-Xmx%dg) or read a shorter run's ledger",
                    folder, compressed / 1e6, needs / 1e9, maxHeap / 1e9, Math.max(1, (needs + (1L << 30) - 1) >> 30) + 1));
        }
    }

    /** A ledger too large for the heap to read whole. */
    public static final class LedgerTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        LedgerTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Which run the ledger in {@code folder} is of: the stamp of the first row of its tables, in
     * their order; empty for a ledger without a row.
     *
     * @throws IOException when a table cannot be read, naming the file
     */
    public static java.util.Optional<Stamp> stampOf(Path folder) throws IOException {
        for (LedgerTable table : LedgerTable.values()) {
            Path file = folder.resolve(table.fileName());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (Rows<Stamp> rows = rowsOf(file, Stamp.class)) {
                if (rows.hasNext()) {
                    return java.util.Optional.of(rows.next());
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code folder} holds a ledger (its messages table). */
    public static boolean isLedger(Path folder) {
        return Files.isRegularFile(folder.resolve(LedgerTable.MESSAGES.fileName()));
    }

    private static List<Object> readTable(Path file, Class<?> type) throws IOException {
        List<Object> rows = new ArrayList<>();
        eachRow(file, type, rows::add);
        return rows;
    }

    /**
     * Hands each row of the table in {@code folder} to {@code row}, in order, one at a time: what a
     * reader that needs a few rows of a large ledger uses ({@link LedgerIndex#named}).
     *
     * @throws NoSuchFileException when the table is missing (the welcomes and refetches of an older ledger are empty)
     * @throws IOException         when a row is not valid, naming the file and line
     */
    public static <T> void eachRow(Path folder, LedgerTable table, Class<T> type, java.util.function.Consumer<T> row)
            throws IOException {
        Path file = folder.resolve(table.fileName());
        if (table.addedLater() && !Files.exists(file)) {
            return;
        }
        eachRow(file, type, row);
    }

    /**
     * The rows of the table in {@code folder}, read one at a time as they are asked for: what a
     * reader that walks two tables side by side uses (the audit reads each room's messages, then
     * its deliveries). Close it.
     *
     * @throws NoSuchFileException when the table is missing (the welcomes and refetches of an older ledger are empty)
     */
    public static <T> Rows<T> rows(Path folder, LedgerTable table, Class<T> type) throws IOException {
        Path file = folder.resolve(table.fileName());
        if (table.addedLater() && !Files.exists(file)) {
            return new Rows<>(file, null, null);
        }
        return rowsOf(file, type);
    }

    /**
     * The file of {@code table} in {@code folder}, which must be there (of any table: one added
     * later too).
     *
     * @throws NoSuchFileException naming the file, and that a ledger table is missing
     */
    public static Path table(Path folder, LedgerTable table) throws NoSuchFileException {
        Path file = folder.resolve(table.fileName());
        requireTable(file);
        return file;
    }

    private static void requireTable(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "a ledger table is missing");
        }
    }

    /** The rows of the table file {@code file} (a ledger table, or a file {@link RowsOutput} wrote), one at a time. */
    public static <T> Rows<T> rowsOf(Path file, Class<T> type) throws IOException {
        requireTable(file);
        InputStream raw = Files.newInputStream(file);
        try {
            JsonParser parser = MAPPER.createParser(new GZIPInputStream(raw, 1 << 16));
            return new Rows<>(file, parser, MAPPER.readerFor(type).readValues(parser));
        } catch (IOException e) {
            closeAfter(raw, e);
            throw new IOException(file + ": not a ledger table: " + problem(e), e);
        } catch (RuntimeException e) {
            closeAfter(raw, e);
            throw e;
        }
    }

    private static void closeAfter(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    /** Jackson's words for a required field ({@link RequiredRowFields}) a row lacks, with the field's name. */
    private static final java.util.regex.Pattern MISSING =
            java.util.regex.Pattern.compile("Missing required creator property '([^']*)'");

    /** What is wrong with a table file, as {@code e} says: an empty or cut file's end of file has no message. */
    private static String problem(IOException e) {
        if (e instanceof java.io.EOFException && e.getMessage() == null) {
            return "it ends too early (empty or cut short): unexpected end of file";
        }
        java.util.regex.Matcher missing = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                ? MISSING.matcher(m.getOriginalMessage()) : null;
        if (missing != null && missing.lookingAt()) { // a required field ({@link RequiredRowFields}) absent
            com.fasterxml.jackson.databind.exc.MismatchedInputException m =
                    (com.fasterxml.jackson.databind.exc.MismatchedInputException) e;
            StringBuilder field = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                field.append(r.getFieldName() != null ? (field.isEmpty() ? "" : ".") + r.getFieldName()
                        : "[" + r.getIndex() + "]");
            }
            if (field.isEmpty()) {
                field.append(missing.group(1));
            }
            com.fasterxml.jackson.core.JsonLocation at = m.getLocation();
            return (at == null ? "a row" : "line " + at.getLineNr()) + " has no " + field + ", a field every row of"
                    + " the table has (docs/LEDGER.md)";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) { // not Jackson's source note
            com.fasterxml.jackson.core.JsonLocation at = json.getLocation();
            return json.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")");
        }
        return e.getMessage();
    }

    /** A table's rows one at a time, in the file's order; {@link #next} throws {@link UncheckedIOException} naming the file. */
    public static final class Rows<T> implements java.util.Iterator<T>, java.io.Closeable {
        private final Path file;
        private final JsonParser parser;
        private final MappingIterator<T> rows;

        private Rows(Path file, JsonParser parser, MappingIterator<T> rows) {
            this.file = file;
            this.parser = parser;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            try {
                return rows != null && rows.hasNextValue();
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(file + ": not a ledger table: " + problem(e), e));
            }
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("no more rows in " + file);
            }
            try {
                return rows.nextValue();
            } catch (IOException e) {
                throw new UncheckedIOException(new IOException(file + ": not a ledger table: " + problem(e), e));
            }
        }

        @Override
        public void close() throws IOException {
            if (rows != null) {
                rows.close();
                parser.close();
            }
        }
    }

    /** Rows written one at a time into a file {@link #rowsOf} reads back (gzip, JSON lines, no stamp): a spill file. */
    public static final class RowsOutput implements java.io.Closeable {
        private final OutputStream out;
        private final SequenceWriter rows;
        private boolean written;

        /** A new file, replacing one there. */
        public RowsOutput(Path file) throws IOException {
            this(file, false);
        }

        /**
         * With {@code append}, the rows go after those in the file (a gzip member more, which
         * {@link #rowsOf} reads on into), so that a writer of many such files keeps few open.
         */
        public RowsOutput(Path file, boolean append) throws IOException {
            this.out = tableOutput(append
                    ? Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND)
                    : Files.newOutputStream(file));
            this.rows = MAPPER.writer().withRootValueSeparator("\n").writeValues(out);
        }

        /** Appends {@code row}. */
        public void write(Object row) throws IOException {
            rows.write(row);
            written = true;
        }

        @Override
        public void close() throws IOException {
            try (out) {
                rows.close();
                if (written) {
                    out.write('\n'); // the last row's line end: rows appended later start a line
                }
            }
        }
    }

    private static <T> void eachRow(Path file, Class<T> type, java.util.function.Consumer<T> row) throws IOException {
        requireTable(file);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new GZIPInputStream(raw, 1 << 16);
             JsonParser parser = MAPPER.createParser(in);
             MappingIterator<T> it = MAPPER.readerFor(type).readValues(parser)) {
            while (it.hasNextValue()) {
                row.accept(it.nextValue());
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new IOException(file + ": not a ledger table: " + problem(e), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Object> rows) {
        return (List<T>) rows;
    }
}
