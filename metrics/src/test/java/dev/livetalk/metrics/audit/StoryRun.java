package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.Measurement;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.metrics.ledger.Ledger;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.results.Environment;
import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.ResultsJson;
import dev.livetalk.metrics.results.StrategyResult;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import dev.livetalk.scenarios.fault.FaultSchedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small run through the real checkers (trace, replay, correctness, latency) written as a
 * scenario folder, results.json and ledger: what the audit must agree with. Warm-up ends at
 * 1 s; alice sends a1..a5 a second apart and a reply to a5; bob is cut off from 3 s to 4 s and
 * shows a3 after a4, a2 twice; carol shows the reply before its parent and never a1; dave's
 * own d1 stays pending and never commits, d2 fails; bob's own b1 jumps when its ack places it;
 * bob reads up to 2 and alice sees it; bob reconnects after the outage and refetches, carol reconnects; bob reconnects again after a blip at 6 s. In a second room, side, the statuses tell lies (status truth).
 */
final class StoryRun {
    private StoryRun() {
    }

    static RunTrace trace(String strategy) {
        TraceFixture run = new TraceFixture(strategy, 1_000);
        run.window("outage", 3_000, 4_000, "bob");
        run.window("blip", 6_000, 6_100, "bob");
        Client alice = run.client("alice").join("lobby", 0);
        Client bob = run.client("bob").join("lobby", 0);
        Client carol = run.client("carol").join("lobby", 0);
        Client dave = run.client("dave").join("lobby", 0);
        for (Client c : List.of(alice, bob, carol, dave)) {
            c.welcome("main", "e1", 500);
        }
        // bob reconnects both links after the outage and is replayed what he missed; carol reconnects too
        bob.welcome("main", "e1", 4_050).welcome("receive", "e1", 4_080).refetch("lobby", "resume", 2, 260, 4_090)
                .refetch("lobby", "history", 1, 140, 4_600);
        carol.welcome("main", "e1", 4_500).refetch("lobby", "resume", 1, 130, 4_510);
        bob.welcome("main", "e1", 6_150).refetch("lobby", "resume", 4, 480, 6_160); // after the blip: not the outage's
        Message[] m = new Message[7];
        for (int i = 1; i <= 5; i++) {
            double at = i * 1_000;
            alice.send("lobby", "a" + i, at, at + 2, at + 3);
            m[i] = run.commit("lobby", "alice", "a" + i, at + 30);
            alice.ackBySeq("a" + i, m[i], at + 40);
        }
        alice.send("lobby", "a6", m[5].id(), 5_500, 5_501, 5_503);
        m[6] = run.commitReply("lobby", "alice", "a6", m[5].id(), 5_530);
        alice.ackBySeq("a6", m[6], 5_540);
        bob.append(m[1], 1_050).append(m[2], 2_050).append(m[4], 4_100).append(m[3], 4_200).append(m[2], 4_300)
                .append(m[5], 5_050).append(m[6], 5_560);
        carol.place(m[2], 2_060).place(m[3], 3_060).place(m[4], 4_060).place(m[6], 5_570).place(m[5], 5_600);
        dave.send("lobby", "d1", 2_500, 2_700, 2_701).send("lobby", "d2", 3_500, 3_501, 3_502)
                .fail("lobby", "d2", 4_500);
        dave.place(m[1], 1_070).place(m[2], 2_070);
        bob.send("lobby", "b1", 4_140, 4_140, 4_150); // bob's echo sits after a4; its ack places it last: a move
        Message b1 = run.commit("lobby", "bob", "b1", 5_580);
        bob.ackBySeq("b1", b1, 5_600);
        bob.read("lobby", 2, 2_100);
        alice.receipt("lobby", "bob", 2, 2_180);
        bob.read("lobby", 5, 5_100);
        // room side, where statuses lie: bob marks s1 delivered and read before showing it; alice's
        // line of s1 shows DELIVERED before bob showed it, hers of s2 READ before bob's marker reached it
        alice.join("side", 0);
        bob.join("side", 0);
        alice.send("side", "s1", 6_000, 6_000, 6_000).send("side", "s2", 6_010, 6_010, 6_010);
        Message s1 = run.commit("side", "alice", "s1", 6_030);
        Message s2 = run.commit("side", "alice", "s2", 6_031);
        alice.ackBySeq("s1", s1, 6_040).ackBySeq("s2", s2, 6_040);
        bob.marker("side", ReceiptKind.DELIVERED, 1, 6_050).marker("side", ReceiptKind.READ, 1, 6_060)
                .place(s1, 6_100).place(s2, 6_100).marker("side", ReceiptKind.READ, 2, 6_110);
        alice.status("side", s1.id(), MessageStatus.DELIVERED, 6_045).status("side", s1.id(), MessageStatus.READ, 6_070)
                .status("side", s2.id(), MessageStatus.READ, 6_105);
        return run.build();
    }

    /** Writes the run of {@code strategies} as scenario folder {@code folder}: results.json and ledger/STRATEGY/. */
    static Path write(Path folder, String... strategies) throws IOException {
        return write(folder, StoryRun::trace, strategies);
    }

    /** As {@link #write(Path, String...)}, with the trace of each strategy from {@code traces}. */
    static Path write(Path folder, java.util.function.Function<String, RunTrace> traces, String... strategies)
            throws IOException {
        Files.createDirectories(folder);
        List<StrategyResult> results = new java.util.ArrayList<>();
        for (String strategy : strategies) {
            RunTrace trace = traces.apply(strategy);
            results.add(StrategyResult.of(Measurement.of(trace), List.of(), List.of()));
            LedgerFiles.write(folder.resolve("ledger").resolve(strategy), new LedgerFiles.Stamp("story", strategy, 1),
                    Ledger.of(ReplayedRun.of(trace)));
        }
        String json = ResultsJson.toJson(ResultsDocument.of("story", 1, "sim", new Environment("none", "21", 2),
                new FaultSchedule(1, List.of()), results));
        // TraceFixture names a user's client USER-1; the harness names it USER, as the ledger does
        Files.writeString(folder.resolve("results.json"), json.replaceAll("(\"clientId\" : \"\\w+)-1\"", "$1\""));
        return folder;
    }
}
