package dev.livetalk.metrics.trace;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The server's requests of a run read back from its trace, kept compactly: per request the place
 * of its type among the few types seen (a byte) and its time as the difference from the request
 * before (zigzag, 7 bits a byte: 3 bytes for the millisecond or so between two requests of a busy
 * run), in blocks of {@value #BLOCK} requests, each block noting the whole time its differences start from. About 4 bytes a
 * request, where two arrays took 9 and a list of {@link ServerRequest}s about 30: an hour of the
 * 200-client soak records 3.8 million, held while every room is measured. Each {@link #get} makes
 * the request anew (decoding from its block's start); iterating decodes once. Equal, element by
 * element, to the list of the same requests.
 *
 * <p>Immutable once built; any thread.
 */
final class ServerRequests extends AbstractList<ServerRequest> {
    /** Requests per block: a {@link #get} decodes at most this many. */
    static final int BLOCK = 64;

    private final List<String> types;
    private final byte[] bytes;
    private final long[] blockTimes;
    private final int[] blockOffsets;
    private final int size;

    private ServerRequests(List<String> types, byte[] bytes, long[] blockTimes, int[] blockOffsets, int size) {
        this.types = types;
        this.bytes = bytes;
        this.blockTimes = blockTimes;
        this.blockOffsets = blockOffsets;
        this.size = size;
    }

    @Override
    public ServerRequest get(int index) {
        java.util.Objects.checkIndex(index, size);
        Cursor cursor = new Cursor(index / BLOCK);
        for (int i = index % BLOCK; i > 0; i--) {
            cursor.next();
        }
        return cursor.next();
    }

    @Override
    public Iterator<ServerRequest> iterator() {
        return new Iterator<>() {
            private final Cursor cursor = new Cursor(0);
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public ServerRequest next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                next++;
                return cursor.next();
            }
        };
    }

    @Override
    public int size() {
        return size;
    }

    /** The bytes these requests take in the arrays (not counting the objects' headers). */
    long bytes() {
        return bytes.length + 8L * blockTimes.length + 4L * blockOffsets.length;
    }

    /** Decodes the requests in order from the start of a block on. */
    private final class Cursor {
        private int offset;
        private long at;

        Cursor(int block) {
            if (block < blockOffsets.length) {
                offset = blockOffsets[block];
                at = blockTimes[block];
            }
        }

        ServerRequest next() {
            int type = bytes[offset++] & 0xff;
            long zigzag = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[offset++];
                zigzag |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            at += (zigzag >>> 1) ^ -(zigzag & 1);
            return new ServerRequest(types.get(type), at);
        }
    }

    /** Gathers requests in order; more than 256 types (never: the protocol has a handful) fall back to a plain list. */
    static final class Builder {
        private final List<String> types = new ArrayList<>();
        private byte[] bytes = new byte[4096];
        private long[] blockTimes = new long[64];
        private int[] blockOffsets = new int[64];
        private int length;
        private int size;
        private long last;
        private List<ServerRequest> plain;

        void add(String type, long at) {
            if (plain != null) {
                plain.add(new ServerRequest(type, at));
                return;
            }
            int t = types.indexOf(type);
            if (t < 0) {
                if (types.size() == 256) {
                    plain = new ArrayList<>(build());
                    plain.add(new ServerRequest(type, at));
                    return;
                }
                new ServerRequest(type, at); // the same refusal of a request without a type
                types.add(type);
                t = types.size() - 1;
            }
            if (size % BLOCK == 0) {
                int block = size / BLOCK;
                if (block == blockTimes.length) {
                    blockTimes = Arrays.copyOf(blockTimes, block * 2);
                    blockOffsets = Arrays.copyOf(blockOffsets, block * 2);
                }
                blockTimes[block] = last; // the time before the block's first request: its difference is from it
                blockOffsets[block] = length;
            }
            if (bytes.length - length < 11) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 11));
            }
            bytes[length++] = (byte) t;
            long delta = at - last; // wraps for times far apart: the sum wraps back
            long zigzag = (delta << 1) ^ (delta >> 63);
            while ((zigzag & ~0x7fL) != 0) {
                bytes[length++] = (byte) ((zigzag & 0x7f) | 0x80);
                zigzag >>>= 7;
            }
            bytes[length++] = (byte) zigzag;
            last = at;
            size++;
        }

        List<ServerRequest> build() {
            if (plain != null) {
                return List.copyOf(plain);
            }
            int blocks = (size + BLOCK - 1) / BLOCK;
            return new ServerRequests(List.copyOf(types), Arrays.copyOf(bytes, length),
                    Arrays.copyOf(blockTimes, blocks), Arrays.copyOf(blockOffsets, blocks), size);
        }
    }
}
