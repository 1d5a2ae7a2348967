package dev.livetalk.client;

import java.util.Arrays;

/**
 * The wake-up times a strategy asked for and has not had yet, earliest first, each time kept
 * once: a sorted run of primitive longs. Strategies mostly ask for "now plus a timeout", so
 * times usually arrive in order and adding one is an append; taking the due ones moves the
 * start. (It was a {@code TreeSet<Long>}: a box and a tree node per request, a request per
 * message while a gap is open.)
 *
 * <p>Not thread-safe: the session's owner thread.
 */
final class WakeUps {
    private long[] times = new long[8];
    /** The pending times are {@code times[start..end)}, ascending. */
    private int start;
    private int end;

    boolean isEmpty() {
        return start == end;
    }

    /** The earliest pending time; only when not empty. */
    long first() {
        if (isEmpty()) {
            throw new IllegalStateException("no wake-up pending");
        }
        return times[start];
    }

    /** Adds {@code time} unless it is pending already. */
    void add(long time) {
        if (start == end || time > times[end - 1]) {
            ensureRoomAtEnd();
            times[end++] = time;
            return;
        }
        ensureRoomAtEnd();   // before the search: it may move the run to the front
        int at = Arrays.binarySearch(times, start, end, time);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        System.arraycopy(times, insert, times, insert + 1, end - insert);
        times[insert] = time;
        end++;
    }

    /** Drops every time at or before {@code now}. */
    void removeUpTo(long now) {
        while (start < end && times[start] <= now) {
            start++;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void ensureRoomAtEnd() {
        if (end < times.length) {
            return;
        }
        int size = end - start;
        if (size <= times.length / 2) {
            System.arraycopy(times, start, times, 0, size);
        } else {
            times = Arrays.copyOfRange(times, start, start + Math.max(8, size * 2));
        }
        start = 0;
        end = size;
    }
}
