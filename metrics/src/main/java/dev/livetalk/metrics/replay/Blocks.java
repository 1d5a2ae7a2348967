package dev.livetalk.metrics.replay;

import java.util.Arrays;

/**
 * Columns of values added one at a time, held in blocks of {@value #BLOCK}: what the builders of
 * steps ({@link StatusSteps.Builder}, {@link OwnSteps.Builder}) note per step until they put each
 * message's steps together. The first block grows by doubling from 16 (a builder that notes few
 * steps stays small), the others are made full size: a column holds at most one block's room to
 * spare and is never copied to grow, where an array grown by doubling held up to as much again
 * (at a room's end about 70% more than its steps, and twice as much for the moment of a copy).
 * {@code moveTo} hands a column's values over to an array of the built form a block at a time,
 * letting go of each block as it is copied.
 *
 * <p>Single thread.
 */
final class Blocks {
    static final int SHIFT = 9;
    static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;
    private static final int FIRST = 16;

    private Blocks() {
    }

    /**
     * What every column shares: its blocks (arrays of {@code A}, a primitive array type), its size, room
     * made for one more value, and the values moved out block by block.
     *
     * @param <A> the blocks' array type
     */
    private abstract static class Column<A> {
        private Object[] blocks = new Object[4];
        /** The first block's length: it grows by doubling up to {@link #BLOCK}. */
        private int firstLength;
        private int size;

        /** A new array of {@code A}. */
        abstract A newArray(int length);

        /** Copies {@code count} values of {@code block}, value {@code from + at} to {@code to[placeOf[from + at]]}. */
        abstract void move(A block, int from, int count, A to, int[] placeOf);

        /** Makes room for one more value; its index. */
        final int next() {
            int b = size >>> SHIFT;
            int at = size & MASK;
            if (b == 0 && at == firstLength) {
                A grown = newArray(Math.max(FIRST, at * 2));
                if (at > 0) {
                    System.arraycopy(blocks[0], 0, grown, 0, at);
                }
                blocks[0] = grown;
                firstLength = Math.max(FIRST, at * 2);
            } else if (b > 0 && at == 0) {
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                blocks[b] = newArray(BLOCK);
            }
            return size++;
        }

        /** The block that holds value {@code i}. */
        @SuppressWarnings("unchecked")
        final A blockOf(int i) {
            return (A) blocks[i >>> SHIFT];
        }

        final int size() {
            return size;
        }

        /**
         * Its values in an array, value {@code i} at {@code placeOf[i]}; the column is empty after, each
         * block let go once copied.
         */
        @SuppressWarnings("unchecked")
        final A moveTo(int[] placeOf) {
            A to = newArray(size);
            for (int b = 0, n = (size + MASK) >>> SHIFT; b < n; b++) {
                A block = (A) blocks[b];
                blocks[b] = null;
                int from = b << SHIFT;
                move(block, from, Math.min(BLOCK, size - from), to, placeOf);
            }
            clear();
            return to;
        }

        /** Empties the column, letting go of its blocks. */
        final void clear() {
            blocks = new Object[4];
            firstLength = 0;
            size = 0;
        }
    }

    /** A column of longs. */
    static final class Longs extends Column<long[]> {
        void add(long value) {
            int i = next();
            blockOf(i)[i & MASK] = value;
        }

        long get(int i) {
            return blockOf(i)[i & MASK];
        }

        @Override
        long[] newArray(int length) {
            return new long[length];
        }

        @Override
        void move(long[] block, int from, int count, long[] to, int[] placeOf) {
            for (int at = 0; at < count; at++) {
                to[placeOf[from + at]] = block[at];
            }
        }
    }

    /** A column of ints. */
    static final class Ints extends Column<int[]> {
        void add(int value) {
            int i = next();
            blockOf(i)[i & MASK] = value;
        }

        int get(int i) {
            return blockOf(i)[i & MASK];
        }

        void set(int i, int value) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("value " + i + " of " + size());
            }
            blockOf(i)[i & MASK] = value;
        }

        @Override
        int[] newArray(int length) {
            return new int[length];
        }

        @Override
        void move(int[] block, int from, int count, int[] to, int[] placeOf) {
            for (int at = 0; at < count; at++) {
                to[placeOf[from + at]] = block[at];
            }
        }
    }

    /** A column of bytes. */
    static final class Bytes extends Column<byte[]> {
        void add(byte value) {
            int i = next();
            blockOf(i)[i & MASK] = value;
        }

        byte get(int i) {
            return blockOf(i)[i & MASK];
        }

        @Override
        byte[] newArray(int length) {
            return new byte[length];
        }

        @Override
        void move(byte[] block, int from, int count, byte[] to, int[] placeOf) {
            for (int at = 0; at < count; at++) {
                to[placeOf[from + at]] = block[at];
            }
        }
    }
}
