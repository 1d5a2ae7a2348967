package dev.livetalk.metrics.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The interval samples of a strategy's latency report, kept in recording order as compact
 * blocks (in memory, then in a temporary file once they pass {@link #MEMORY_LIMIT}) rather
 * than as per-interval histograms: those held the whole run in memory (about 770 MB for an
 * hour of the 200-client soak), and a run is measured room after room, each room touching every
 * interval of the run.
 *
 * <p>Samples wait in a buffer; when it fills they are sorted, stably, by window (a run of
 * {@link #WINDOW} intervals) and each window's samples are appended as one block. A window is
 * read back by replaying its blocks in the order they were written: every interval histogram
 * then gets the same values in the same order as if it had been recorded live, so its figures
 * and its encoding (which carries the histogram's resize history) are the same. Reading holds
 * one window's histograms at a time.
 *
 * <p>A sample is a code (which series it goes to), its interval, its corrected latency and the
 * difference to its raw one (varints, about 7 bytes a sample).
 *
 * <p>Single writer; read after writing is done, from one thread at a time.
 */
final class IntervalSpill implements AutoCloseable {
    /** Intervals per window: what a reader holds at once. */
    static final int WINDOW = 16;
    /** Samples buffered before they are written as blocks. */
    private static final int BUFFER = 1 << 16;
    /** Bytes kept in memory before the blocks move to a temporary file. */
    static final long MEMORY_LIMIT = 32L << 20;
    private static final int CHUNK = 1 << 20;
    private static final Cleaner CLEANER = Cleaner.create();

    private final long memoryLimit;
    /** The most samples buffered. */
    private final int capacity;
    private byte[] codes;
    private long[] intervals;
    private long[] corrected;
    private long[] raw;
    private int size;
    private long samples;

    /** Per window, its blocks in the order written. */
    private final TreeMap<Long, Blocks> blocks = new TreeMap<>();
    private ByteBuffer out;
    /** The blocks in memory (until {@link #memoryLimit}): chunks of {@link #CHUNK} bytes. */
    private final List<byte[]> chunks = new ArrayList<>();
    private long written;
    private final Store store = new Store();
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    IntervalSpill() {
        this(MEMORY_LIMIT, BUFFER);
    }

    /** A spill whose blocks go to a file past {@code memoryLimit} bytes, buffering {@code buffer} samples (at most 65,536). */
    IntervalSpill(long memoryLimit, int buffer) {
        if (buffer < 1 || buffer > BUFFER) {
            throw new IllegalArgumentException("buffer must be 1 to " + BUFFER + " samples: " + buffer);
        }
        this.memoryLimit = memoryLimit;
        this.capacity = buffer;
        int initial = Math.min(buffer, 256);
        this.codes = new byte[initial];
        this.intervals = new long[initial];
        this.corrected = new long[initial];
        this.raw = new long[initial];
        this.out = ByteBuffer.allocate(0);
        this.cleanable = CLEANER.register(this, store);
    }

    /** What a reader is handed: one sample. */
    interface Visitor {
        void sample(int code, long interval, long corrected, long raw);
    }

    void add(int code, long interval, long correctedNanos, long rawNanos) {
        requireOpen();
        if (size == codes.length) {
            if (size < capacity) { // grows to its capacity: a short run's report stays small
                int length = Math.min(capacity, size * 2);
                codes = Arrays.copyOf(codes, length);
                intervals = Arrays.copyOf(intervals, length);
                corrected = Arrays.copyOf(corrected, length);
                raw = Arrays.copyOf(raw, length);
            } else {
                flush();
            }
        }
        codes[size] = (byte) code;
        intervals[size] = interval;
        corrected[size] = correctedNanos;
        raw[size] = rawNanos;
        size++;
        samples++;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the latency interval samples were released (the report is closed)");
        }
    }

    /** Samples added. */
    long samples() {
        return samples;
    }

    /** The temporary file, or {@code null} while the blocks are in memory. */
    Path file() {
        return store.file;
    }

    /** Writes the buffered samples as one block per window, in recording order within each. */
    private void flush() {
        if (size == 0) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, Math.floorDiv(intervals[i], WINDOW));
        }
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((Math.floorDiv(intervals[i], WINDOW) - min) << 17) | i; // stable: the position breaks ties
        }
        Arrays.sort(keys);
        if (out.capacity() < size * 32 + 16) {
            out = ByteBuffer.allocate(size * 32 + 16); // the longest a block can be
        }
        int i = 0;
        while (i < size) {
            long window = (keys[i] >>> 17) + min;
            int j = i;
            while (j < size && (keys[j] >>> 17) + min == window) {
                j++;
            }
            out.clear();
            putVarint(out, j - i);
            long base = window * WINDOW;
            for (int k = i; k < j; k++) {
                int at = (int) (keys[k] & ((1 << 17) - 1));
                out.put(codes[at]);
                putVarint(out, intervals[at] - base);
                putVarint(out, corrected[at]);
                long d = corrected[at] - raw[at];
                putVarint(out, (d << 1) ^ (d >> 63));
            }
            out.flip();
            int length = out.limit();
            blocks.computeIfAbsent(window, w -> new Blocks()).add(append(out), length);
            i = j;
        }
        size = 0;
    }

    private long append(ByteBuffer block) {
        long offset = written;
        try {
            if (store.channel == null && written + block.remaining() > memoryLimit) {
                store.open();
                for (int c = 0; c < chunks.size(); c++) {
                    int length = (int) Math.min(CHUNK, written - (long) c * CHUNK);
                    writeAt(ByteBuffer.wrap(chunks.get(c), 0, length), (long) c * CHUNK);
                }
                chunks.clear();
            }
            if (store.channel != null) {
                int length = block.remaining();
                writeAt(block, written);
                written += length;
            } else {
                while (block.hasRemaining()) {
                    int c = (int) (written / CHUNK);
                    if (c == chunks.size()) {
                        chunks.add(new byte[CHUNK]);
                    }
                    int at = (int) (written % CHUNK);
                    int n = Math.min(block.remaining(), CHUNK - at);
                    block.get(chunks.get(c), at, n);
                    written += n;
                }
                return offset;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the latency interval samples to a temporary file ("
                    + (store.file == null ? "in java.io.tmpdir" : store.file) + "): " + e.getMessage(), e);
        }
        return offset;
    }

    private void writeAt(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += store.channel.write(buffer, at);
        }
    }

    /** The windows that hold samples, in order. */
    List<Long> windows() {
        requireOpen();
        flush();
        return List.copyOf(blocks.keySet());
    }

    /** Replays the samples of {@code window} in recording order. */
    void read(long window, Visitor visitor) {
        requireOpen();
        flush();
        Blocks list = blocks.get(window);
        if (list == null) {
            return;
        }
        long base = window * WINDOW;
        for (int b = 0; b < list.count; b++) {
            ByteBuffer in = block(list.at[2 * b], (int) list.at[2 * b + 1]);
            long count = getVarint(in);
            for (long k = 0; k < count; k++) {
                int code = in.get();
                long interval = base + getVarint(in);
                long c = getVarint(in);
                long z = getVarint(in);
                long d = (z >>> 1) ^ -(z & 1);
                visitor.sample(code, interval, c, c - d);
            }
        }
    }

    private ByteBuffer block(long offset, int length) {
        byte[] bytes = new byte[length];
        if (store.channel != null) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                long at = offset;
                while (buffer.hasRemaining()) {
                    int n = store.channel.read(buffer, at);
                    if (n < 0) {
                        throw new IOException("unexpected end of file at " + at);
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the latency interval samples from " + store.file + ": "
                        + e.getMessage(), e);
            }
        } else {
            int done = 0;
            while (done < length) {
                long at = offset + done;
                int c = (int) (at / CHUNK);
                int from = (int) (at % CHUNK);
                int n = Math.min(length - done, CHUNK - from);
                System.arraycopy(chunks.get(c), from, bytes, done, n);
                done += n;
            }
        }
        return ByteBuffer.wrap(bytes);
    }

    /** Lets the samples go and deletes the temporary file, if any. Idempotent. */
    @Override
    public void close() {
        closed = true;
        chunks.clear();
        blocks.clear();
        out = null;
        cleanable.clean();
    }

    private static void putVarint(ByteBuffer out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static long getVarint(ByteBuffer in) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
            shift += 7;
        }
    }

    /** The blocks of one window: offset and length of each, in the order written. */
    private static final class Blocks {
        private long[] at = new long[4];
        private int count;

        void add(long offset, int length) {
            if (2 * count + 2 > at.length) {
                at = Arrays.copyOf(at, at.length * 2);
            }
            at[2 * count] = offset;
            at[2 * count + 1] = length;
            count++;
        }
    }

    /** The temporary file and its channel; closed and deleted by {@link #close} or when the spill is unreachable. */
    private static final class Store implements Runnable {
        private Path file;
        private FileChannel channel;

        void open() throws IOException {
            file = Files.createTempFile("livetalk-intervals-", ".bin");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        @Override
        public void run() {
            try {
                if (channel != null) {
                    channel.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
        }
    }
}
