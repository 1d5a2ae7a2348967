package dev.livetalk.metrics.trace;

import java.util.List;
import java.util.Map;

/**
 * A run's trace as the measurement reads it, one room at a time: what has no room ({@link #run}),
 * what only the whole run knows ({@link #context}), and each room's {@link RunTrace#slice}. Built
 * from a trace in memory by {@link #of}; a trace spilled to disk gives the same parts.
 *
 * <p>One reader, one thread: each room's slice is asked for once, in the order of {@link #rooms}.
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
    static RoomSlices of(RunTrace run, RunContext context, List<String> rooms,
                         java.util.function.Function<String, RunTrace> slice) {
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
        };
    }
}
