package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.RunTrace;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * The folds one reader of the final lines made for the members of the rooms being replayed
 * ({@link #lineFolds}), kept by client and room until the reader takes each for its replay ({@link #take}).
 *
 * <p>Single thread.
 *
 * @param <T> the fold
 */
public final class MemberFolds<T extends Consumer<PlacedEntry>> {
    private final String reader;
    private final Map<String, Map<String, T>> byClient = new HashMap<>();

    /** Folds of the reader {@code reader} (named in errors). */
    public MemberFolds(String reader) {
        this.reader = reader;
    }

    /** What makes a member's fold (the arguments of {@link LineFolds#of}). */
    @FunctionalInterface
    public interface Maker<T> {
        T make(MessageIndex index, RunTrace slice, ClientTrace client, String room, long joinedAt,
               NavigableSet<Long> unreachable);
    }

    /** A fold of each member's lines made by {@code maker}, and kept here for {@link #take}. */
    public LineFolds lineFolds(Maker<T> maker) {
        return (index, slice, client, room, joinedAt, unreachable) -> {
            T fold = maker.make(index, slice, client, room, joinedAt, unreachable);
            byClient.computeIfAbsent(client.clientId(), c -> new HashMap<>()).put(room, fold);
            return fold;
        };
    }

    /**
     * The fold that read {@code replay}'s lines (whose lines were folded: {@link RoomReplay#linesFolded()}),
     * let go here.
     *
     * @throws IllegalStateException when none of this reader's did
     */
    public T take(RoomReplay replay) {
        Map<String, T> ofClient = byClient.get(replay.clientId());
        T fold = ofClient == null ? null : ofClient.remove(replay.room());
        if (fold == null) {
            throw new IllegalStateException("client " + replay.clientId() + " room " + replay.room()
                    + ": its final lines were folded, but not by " + reader + " lineFolds()");
        }
        if (ofClient.isEmpty()) {
            byClient.remove(replay.clientId());
        }
        return fold;
    }

    /** Lets go of the folds not taken (members nothing asked for). */
    public void clear() {
        byClient.clear();
    }
}
