package dev.livetalk.network;

import dev.livetalk.server.HeardCommits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every commit the run heard of from its server processes, as the duplicate guard of
 * {@link ServerProcess} (a durable start tells again commits heard before the kill) and what it
 * writes for the next durable start ({@link HeardCommits}): per epoch and room, the seq up to which
 * every one was heard (a watermark) and the seqs heard above it. The server gives each room's
 * messages seqs 1, 2, 3... in order and writes their lines in that order, so the seqs above the
 * watermark are only the few of a durable start's new commits heard before the told-again ones
 * below them (it binds before it tells them again): what is kept stays a watermark per epoch and
 * room however long the run, where a set of every commit grew with it (issue 20). Exact: a seq is
 * heard once, whatever order the lines come in.
 *
 * <p>Thread-safe: the stdout readers of a killed server and of the next one may add at once.
 */
final class HeardSeqs {
    /** Per epoch, per room. */
    private final Map<String, Map<String, Room>> epochs = new ConcurrentHashMap<>();

    /**
     * Records {@code seq} of {@code room} in {@code epoch}; answers whether it was not heard of before.
     *
     * @throws IllegalArgumentException when {@code seq} is below 1 (the server's first seq of a room)
     */
    boolean add(String epoch, String room, long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("a commit's seq must be >= 1: " + seq + " (room \"" + room
                    + "\", epoch " + epoch + ")");
        }
        return epochs.computeIfAbsent(epoch, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(room, r -> new Room()).add(seq);
    }

    /** What was heard of {@code epoch} so far, for the next durable start; nothing when {@code epoch} is {@code null}. */
    HeardCommits of(String epoch) {
        if (epoch == null) {
            return HeardCommits.NONE;
        }
        Map<String, Long> heads = new LinkedHashMap<>();
        Map<String, Set<Long>> above = new LinkedHashMap<>();
        epochs.getOrDefault(epoch, Map.of()).forEach((name, room) -> {
            synchronized (room) {
                heads.put(name, room.through);
                if (!room.above.isEmpty()) {
                    above.put(name, new TreeSet<>(room.above));
                }
            }
        });
        return new HeardCommits(epoch, heads, above);
    }

    /** How many seqs it keeps: one watermark per epoch and room, and each seq heard above one; for tests. */
    int retained() {
        int retained = 0;
        for (Map<String, Room> rooms : epochs.values()) {
            for (Room room : rooms.values()) {
                synchronized (room) {
                    retained += 1 + room.above.size();
                }
            }
        }
        return retained;
    }

    /** One room of one epoch; guarded by itself. */
    private static final class Room {
        /** Every seq up to this was heard. */
        private long through;
        /** The seqs above {@link #through} heard. */
        private final TreeSet<Long> above = new TreeSet<>();

        synchronized boolean add(long seq) {
            if (seq <= through) {
                return false;
            }
            if (seq != through + 1) {
                return above.add(seq);
            }
            through = seq;
            while (!above.isEmpty() && above.first() == through + 1) {
                through = above.pollFirst();
            }
            return true;
        }
    }
}
