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

    /** The number of blocks of a column of {@code size} values. */
    private static int blocks(int size) {
        return (size + MASK) >>> SHIFT;
    }

    /** A column of longs. */
    static final class Longs {
        private long[][] blocks = new long[4][];
        private int size;

        void add(long value) {
            int b = size >>> SHIFT;
            int at = size & MASK;
            if (b == 0) {
                if (blocks[0] == null) {
                    blocks[0] = new long[FIRST];
                } else if (at == blocks[0].length) {
                    blocks[0] = Arrays.copyOf(blocks[0], at * 2);
                }
            } else if (at == 0) {
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                blocks[b] = new long[BLOCK];
            }
            blocks[b][at] = value;
            size++;
        }

        long get(int i) {
            return blocks[i >>> SHIFT][i & MASK];
        }

        int size() {
            return size;
        }

        /**
         * Its values in an array, value {@code i} at {@code placeOf[i]}; the column is empty after,
         * each block let go once copied.
         */
        long[] moveTo(int[] placeOf) {
            long[] to = new long[size];
            for (int b = 0, n = blocks(size); b < n; b++) {
                long[] block = blocks[b];
                blocks[b] = null;
                for (int at = 0, from = b << SHIFT, end = Math.min(BLOCK, size - from); at < end; at++) {
                    to[placeOf[from + at]] = block[at];
                }
            }
            blocks = new long[4][];
            size = 0;
            return to;
        }
    }

    /** A column of ints. */
    static final class Ints {
        private int[][] blocks = new int[4][];
        private int size;

        void add(int value) {
            int b = size >>> SHIFT;
            int at = size & MASK;
            if (b == 0) {
                if (blocks[0] == null) {
                    blocks[0] = new int[FIRST];
                } else if (at == blocks[0].length) {
                    blocks[0] = Arrays.copyOf(blocks[0], at * 2);
                }
            } else if (at == 0) {
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                blocks[b] = new int[BLOCK];
            }
            blocks[b][at] = value;
            size++;
        }

        int get(int i) {
            return blocks[i >>> SHIFT][i & MASK];
        }

        void set(int i, int value) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("value " + i + " of " + size);
            }
            blocks[i >>> SHIFT][i & MASK] = value;
        }

        int size() {
            return size;
        }

        /** Empties the column, letting go of its blocks. */
        void clear() {
            blocks = new int[4][];
            size = 0;
        }
    }

    /** A column of bytes. */
    static final class Bytes {
        private byte[][] blocks = new byte[4][];
        private int size;

        void add(byte value) {
            int b = size >>> SHIFT;
            int at = size & MASK;
            if (b == 0) {
                if (blocks[0] == null) {
                    blocks[0] = new byte[FIRST];
                } else if (at == blocks[0].length) {
                    blocks[0] = Arrays.copyOf(blocks[0], at * 2);
                }
            } else if (at == 0) {
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                blocks[b] = new byte[BLOCK];
            }
            blocks[b][at] = value;
            size++;
        }

        byte get(int i) {
            return blocks[i >>> SHIFT][i & MASK];
        }

        int size() {
            return size;
        }

        /**
         * Its values in an array, value {@code i} at {@code placeOf[i]}; the column is empty after,
         * each block let go once copied.
         */
        byte[] moveTo(int[] placeOf) {
            byte[] to = new byte[size];
            for (int b = 0, n = blocks(size); b < n; b++) {
                byte[] block = blocks[b];
                blocks[b] = null;
                for (int at = 0, from = b << SHIFT, end = Math.min(BLOCK, size - from); at < end; at++) {
                    to[placeOf[from + at]] = block[at];
                }
            }
            blocks = new byte[4][];
            size = 0;
            return to;
        }
    }
}
