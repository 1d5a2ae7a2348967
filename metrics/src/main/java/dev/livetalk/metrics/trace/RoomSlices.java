package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * A run's trace as the measurement reads it, one room at a time: what has no room ({@link #run}),
 * what only the whole run knows ({@link #context}), and each room's {@link RunTrace#slice}. Built
 * from a trace in memory by {@link #of}; a trace spilled to disk gives the same parts.
 *
 * <p>A room's slice is asked for whole ({@link #slice}) or as a {@link Part}, its clients' changes
 * read apart ({@link #part}), every client's in one reading or one client's at a time: what the
 * measurement does, feeding each change to its member's replay as it is read, so that no member's
 * change log of a room need be in memory.
 *
 * <p>One reader, one thread: each room is asked for once (its slice or its part), in the order of {@link #rooms}.
 */
public interface RoomSlices {
    /**
     * The run without any room's entries ({@link RunTrace#withoutRooms}): its strategy, warm-up end,
     * windows and final epoch, every client in order with its welcomes and requests, the server's requests.
     */
    RunTrace run();

    /** What the rooms' measurement needs to know of the whole run. */
    RunContext context();

    /** The rooms of the run ({@link RunTrace#rooms}), in the order their slices are measured. */
    List<String> rooms();

    /** The slice of {@code room} ({@link RunTrace#slice}); asked once per room, in order. */
    RunTrace slice(String room);

    /**
     * The slice of {@code room} with its clients' changes to be read one client at a time
     * ({@link Part}); asked once per room instead of {@link #slice}. By default, the slice's own.
     */
    default Part part(String room) {
        RunTrace slice = slice(room);
        return new Part(slice, Changes.of(slice));
    }

    /**
     * One room's slice, read one client's changes at a time.
     *
     * @param slice   the slice ({@link RunTrace#slice}); its clients' changes may be left out (a slice read
     *                from a spill leaves them on disk): read them with {@code changes}
     * @param changes a client's changes of the room, in its order, by the client's place in the slice's
     *                clients; each client's read at most twice
     */
    record Part(RunTrace slice, Changes changes) {
    }

    /** A client's changes of a room, handed over one at a time. */
    @FunctionalInterface
    interface Changes {
        /**
         * Hands the changes of the client at {@code place} among the slice's clients to {@code each}, in the
         * client's order; a change read from disk is not kept (a reader that folds each into what it keeps
         * never holds the client's change log).
         */
        void read(int place, Consumer<TranscriptChange> each);

        /**
         * Hands every change of the first {@code clients} clients of the slice to {@code each}, with the
         * client's place: each client's in its order; the clients' interleaved in some order (a spill's
         * reading hands them over as they were written, in one pass). By default, client after client.
         */
        default void readAll(int clients, ObjIntConsumer<TranscriptChange> each) {
            for (int place = 0; place < clients; place++) {
                int at = place;
                read(place, change -> each.accept(change, at));
            }
        }

        /** The changes of the client at {@code place}, as a list. */
        default List<TranscriptChange> list(int place) {
            List<TranscriptChange> changes = new ArrayList<>();
            read(place, changes::add);
            return changes;
        }

        /** The changes the clients of {@code slice} hold. */
        static Changes of(RunTrace slice) {
            return (place, each) -> slice.clients().get(place).changes().forEach(each);
        }
    }

    /** The rooms of a trace held in memory, sliced in one pass; each slice is let go once handed out. */
    static RoomSlices of(RunTrace trace) {
        Map<String, RunTrace> slices = trace.slices();
        RunContext context = RunContext.of(trace);
        RunTrace run = trace.withoutRooms();
        List<String> rooms = List.copyOf(slices.keySet());
        return of(run, context, rooms, room -> {
            RunTrace slice = slices.remove(room);
            if (slice == null) {
                throw new IllegalArgumentException("no slice of room " + room + " left: each room's is handed out once");
            }
            return slice;
        });
    }

    /** These parts, each room's slice made by {@code slice} when asked for. */
    static RoomSlices of(RunTrace run, RunContext context, List<String> rooms, Function<String, RunTrace> slice) {
        return of(run, context, rooms, slice, room -> {
            RunTrace whole = slice.apply(room);
            return new Part(whole, Changes.of(whole));
        });
    }

    /**
     * These parts, each room's slice made by {@code slice} when asked for whole, by {@code part}
     * when asked for a client's changes at a time.
     */
    static RoomSlices of(RunTrace run, RunContext context, List<String> rooms, Function<String, RunTrace> slice,
                         Function<String, Part> part) {
        return new RoomSlices() {
            @Override
            public RunTrace run() {
                return run;
            }

            @Override
            public RunContext context() {
                return context;
            }

            @Override
            public List<String> rooms() {
                return rooms;
            }

            @Override
            public RunTrace slice(String room) {
                return slice.apply(room);
            }

            @Override
            public Part part(String room) {
                return part.apply(room);
            }
        };
    }
}
