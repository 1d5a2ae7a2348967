package dev.livetalk.metrics;

import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;

import java.util.Map;

/**
 * A run against a server with bounded history, built by hand (docs/METRICS.md, "Bounded
 * history"): bob sends b1..b10 to the lobby every 100 ms (seq 1..10); the other members see b1
 * and b2, are away, and are welcomed back at 1.5 s with {@code history-truncated}: the server
 * holds seq 8..10 only.
 * <ul>
 *   <li>alice fetches history (firstSeq 8) and shows 8..10: seq 3..7 unreachable, nothing lost;</li>
 *   <li>carol never fetches (event-only): everything after seq 2 is lost, nothing unreachable;</li>
 *   <li>dave showed seq 5 before he was away, fetches firstSeq 8 but shows only seq 8: 3, 4, 6, 7
 *       unreachable, 9 and 10 lost;</li>
 *   <li>erin showed seq 5 and removed it before the welcome, then shows 8..10: 3, 4, 6, 7
 *       unreachable, 5 lost (it was displayed by the welcome);</li>
 *   <li>frank (snapshot) reconnects without asking to resume, fetches history (firstSeq 8) and
 *       shows 8..10: 3..7 unreachable; the history reply after his first welcome makes nothing
 *       unreachable.</li>
 * </ul>
 */
public final class BoundedHistoryRun {
    private static final Map<String, String> TRUNCATED = Map.of("lobby", "history-truncated");

    private BoundedHistoryRun() {
    }

    /** The trace of {@code strategy}; client ids are the users' names with {@code -1} ({@code alice-1}). */
    public static RunTrace trace(String strategy) {
        return build(new TraceFixture(strategy).epoch("A"));
    }

    private static RunTrace build(TraceFixture run) {
        Client bob = run.client("bob").join("lobby", 0).welcome("main", "A", 0);
        Client alice = run.client("alice").join("lobby", 0).welcome("main", "A", 0);
        Client carol = run.client("carol").join("lobby", 0).welcome("main", "A", 0);
        Client dave = run.client("dave").join("lobby", 0).welcome("main", "A", 0);
        Client erin = run.client("erin").join("lobby", 0).welcome("main", "A", 0);
        Client frank = run.client("frank").join("lobby", 0).welcome("main", "A", 0).refetch("lobby", 0, 50, 50, 3);
        Message[] m = new Message[11];
        for (int i = 1; i <= 10; i++) {
            bob.send("lobby", "b" + i, i * 100, i * 100, i * 100 + 1);
            m[i] = run.commit("lobby", "bob", "b" + i, i * 100 + 10);
            bob.ackBySeq("b" + i, m[i], i * 100 + 20);
        }
        for (Client c : new Client[] {alice, carol, dave, erin, frank}) {
            c.place(m[1], 150).place(m[2], 250);
        }
        dave.place(m[5], 550);
        erin.place(m[5], 550).remove("lobby", m[5].id(), 1_400);
        for (Client c : new Client[] {alice, carol, dave, erin}) {
            c.welcome("main", "A", 1_500, TRUNCATED);
        }
        frank.welcome("main", "A", 1_500);
        for (Client c : new Client[] {alice, dave, erin, frank}) {
            c.refetch("lobby", 3, 300, 1_550, 8);
        }
        frank.place(m[8], 1_550).place(m[9], 1_550).place(m[10], 1_550);
        alice.place(m[8], 1_550).place(m[9], 1_550).place(m[10], 1_550)
                .marker("lobby", ReceiptKind.DELIVERED, 10, 1_560); // covers 3..7: unreachable, not unfounded
        dave.place(m[8], 1_550);
        erin.place(m[8], 1_550).place(m[9], 1_550).place(m[10], 1_550);
        return run.build();
    }
}
