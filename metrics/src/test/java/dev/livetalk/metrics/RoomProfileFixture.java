package dev.livetalk.metrics;

import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.protocol.Message;

/**
 * A planted run of two rooms: in {@code room-a} alice sends a1 and a2 and bob shows only a2,
 * 100 ms after it was meant to be sent (a1 is lost for him, its peer latencies never come, and
 * his transcript of the room is never a correct prefix); in {@code room-b} carol sends c1, dave
 * shows it 50 ms and alice 300 ms after it was meant to be sent. Alice is a member of both
 * rooms; a fault window 5..6 s targets everyone.
 */
public final class RoomProfileFixture {
    private RoomProfileFixture() {
    }

    public static Measurement measured(String strategy) {
        return Measurement.of(trace(strategy).build());
    }

    public static TraceFixture trace(String strategy) {
        TraceFixture run = new TraceFixture(strategy);
        run.window("outage", 5_000, 6_000);
        Client alice = run.client("alice").join("room-a", 0).join("room-b", 0);
        Client bob = run.client("bob").join("room-a", 0);
        Client carol = run.client("carol").join("room-b", 0);
        Client dave = run.client("dave").join("room-b", 0);
        alice.send("room-a", "a1", 1_000, 1_000, 1_001);
        Message a1 = run.commit("room-a", "alice", "a1", 1_010);
        alice.ackBySeq("a1", a1, 1_020);
        alice.send("room-a", "a2", 2_000, 2_000, 2_001);
        Message a2 = run.commit("room-a", "alice", "a2", 2_010);
        alice.ackBySeq("a2", a2, 2_020);
        bob.place(a2, 2_100);
        carol.send("room-b", "c1", 3_000, 3_000, 3_002);
        Message c1 = run.commit("room-b", "carol", "c1", 3_010);
        carol.ackBySeq("c1", c1, 3_020);
        dave.place(c1, 3_050);
        alice.place(c1, 3_300);
        return run;
    }
}
