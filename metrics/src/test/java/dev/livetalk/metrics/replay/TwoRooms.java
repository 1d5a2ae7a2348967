package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;

import java.util.ArrayList;
import java.util.List;

/**
 * The index the tests of a room's array-backed maps ({@link RoomTimes}, {@link StatusSteps})
 * read: rooms {@code lobby} and {@code side}, 40 messages of bob committed and 40 sent by alice,
 * interleaved between the two rooms (also what their refusal of a message of another room is tried with).
 */
final class TwoRooms {
    static final List<String> ROOMS = List.of("lobby", "side");

    private TwoRooms() {
    }

    static MessageIndex index() {
        TraceFixture run = new TraceFixture("test");
        Client alice = run.client("alice").join("lobby", 0).join("side", 0);
        for (int i = 0; i < 40; i++) {
            run.commit(i % 3 == 0 ? "side" : "lobby", "bob", "b" + i, i);
            alice.send(i % 2 == 0 ? "side" : "lobby", "a" + i, i, i, i);
        }
        return MessageIndex.of(run.build());
    }

    /** The messages of {@code room} in {@code index}, in the index's order. */
    static List<LogicalMessage> ofRoom(MessageIndex index, String room) {
        return new ArrayList<>(index.all().stream().filter(m -> m.room().equals(room)).toList());
    }
}
