package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.TraceFixture.Client;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static dev.livetalk.metrics.TraceFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a real {@link Transcript} with seeded random operations and checks that the
 * incremental prefix state of the replay agrees, step by step, with a brute-force check of the
 * displayed lines.
 */
class DisplayOrderPropertyTest {
    private static final long JOIN_HEAD = 2;

    @Test
    void shouldAgreeWithABruteForcePrefixCheckAfterEveryStep() {
        for (long seed = 1; seed <= 40; seed++) {
            checkRun(seed);
        }
    }

    private static void checkRun(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TraceFixture run = new TraceFixture("property");
        Client bob = run.client("bob").join("lobby", JOIN_HEAD);
        List<Message> log = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String from = i % 3 == 0 ? "bob" : "alice";
            log.add(run.commit("lobby", from, (from.equals("bob") ? "b" : "a") + i, 0));
        }
        Set<Long> anchored = new HashSet<>();
        List<Transition> expected = new ArrayList<>();
        boolean good = true;
        for (int step = 1; step <= 150; step++) {
            Transcript t = bob.at("lobby", step);
            Message m = log.get(random.nextInt(log.size()));
            apply(random.nextInt(6), t, m, bob, anchored, step);
            boolean now = isPrefix(t.entries());
            if (now != good) {
                expected.add(new Transition(ms(step), now));
                good = now;
            }
        }
        RoomReplay replay = ReplayedRun.of(run.build()).of(bob.id(), "lobby");
        assertThat(replay.transitions()).as("seed %d", seed).isEqualTo(expected);
    }

    /**
     * The same seeded operations into a transcript of 3 lines, which evicts a line whenever a fourth
     * comes: the replay keeps only the window live (an evicted line is settled) and still agrees, step
     * by step, with a brute-force check of the evicted lines followed by the window; its final lines
     * are the evicted ones in the order they went, then the window.
     */
    @Test
    void shouldAgreeWithABruteForceCheckOfTheEvictedLinesAndTheWindowAfterEveryStep() {
        long evictions = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TraceFixture run = new TraceFixture("property");
            Client bob = run.client("bob").join("lobby", JOIN_HEAD, 3);
            List<Message> log = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                String from = i % 3 == 0 ? "bob" : "alice";
                log.add(run.commit("lobby", from, (from.equals("bob") ? "b" : "a") + i, -1_000 + 10 * i));
            }
            Set<Long> anchored = new HashSet<>();
            Map<Integer, List<TranscriptEntry>> windows = new TreeMap<>();
            for (int step = 1; step <= 150; step++) {
                Transcript t = bob.at("lobby", step);
                apply(random.nextInt(6), t, log.get(random.nextInt(log.size())), bob, anchored, step);
                windows.put(step, List.copyOf(t.entries()));
            }
            RunTrace trace = run.build();
            List<TranscriptChange.Evicted> evicted = trace.clients().get(0).changes().stream()
                    .filter(c -> c instanceof TranscriptChange.Evicted).map(c -> (TranscriptChange.Evicted) c).toList();
            evictions += evicted.size();
            List<Transition> expected = new ArrayList<>();
            List<List<Long>> sampled = new ArrayList<>();
            sampled.add(List.of(0L, 0L, missing(List.of(), log, 1)));
            boolean good = true;
            List<TranscriptEntry> shown = List.of();
            for (int step = 1; step <= 150; step++) {
                long at = ms(step);
                shown = new ArrayList<>(evicted.stream().filter(c -> c.at() <= at).map(TranscriptChange.Evicted::entry)
                        .toList());
                shown.addAll(windows.get(step));
                boolean now = isPrefix(shown);
                if (now != good) {
                    expected.add(new Transition(at, now));
                    good = now;
                }
                sampled.add(List.of(descents(shown), pending(shown), missing(shown, log, step + 1)));
            }
            RoomReplay replay = ReplayedRun.of(trace, ms(1)).of(bob.id(), "lobby");
            assertThat(replay.transitions()).as("seed %d", seed).isEqualTo(expected);
            assertThat(replay.finalEntries()).as("seed %d", seed).extracting(PlacedEntry::entry).isEqualTo(shown);
            int settled = evicted.size();
            assertThat(replay.finalEntries()).as("seed %d", seed).extracting(PlacedEntry::evicted)
                    .containsExactlyElementsOf(IntStream.range(0, shown.size()).mapToObj(i -> i < settled).toList());
            IntervalCounts counts = replay.overTime();
            for (int k = 0; k < counts.size(); k++) {
                assertThat(List.of(counts.inversions(k), counts.pending(k), counts.missing(k)))
                        .as("seed %d, interval %d", seed, k).isEqualTo(sampled.get(k));
            }
        }
        assertThat(evictions).as("lines evicted over the 40 seeds").isGreaterThan(200);
    }

    /**
     * The same seeded operations, sampled every millisecond: inversions, pending and missing of
     * the replay agree with a brute-force count of the displayed lines. Message i is committed at
     * {@code -1000 + 10 i} ms, so it becomes due at {@code 10 i} ms, during the run.
     */
    @Test
    void shouldSampleTheSameCountsAsABruteForceCountOfTheDisplayedLines() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TraceFixture run = new TraceFixture("property");
            Client bob = run.client("bob").join("lobby", JOIN_HEAD);
            List<Message> log = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                String from = i % 3 == 0 ? "bob" : "alice";
                log.add(run.commit("lobby", from, (from.equals("bob") ? "b" : "a") + i, -1_000 + 10 * i));
            }
            Set<Long> anchored = new HashSet<>();
            List<List<Long>> expected = new ArrayList<>();
            expected.add(List.of(0L, 0L, missing(List.of(), log, 1)));
            for (int step = 1; step <= 150; step++) {
                Transcript t = bob.at("lobby", step);
                apply(random.nextInt(6), t, log.get(random.nextInt(log.size())), bob, anchored, step);
                expected.add(List.of(descents(t.entries()), pending(t.entries()), missing(t.entries(), log, step + 1)));
            }
            IntervalCounts counts = ReplayedRun.of(run.build(), ms(1)).of(bob.id(), "lobby").overTime();
            // the grid ends with the interval of the last change; later steps may have changed nothing
            assertThat(counts.size()).as("seed %d", seed).isBetween(100, 151);
            for (int k = 0; k < counts.size(); k++) {
                assertThat(List.of(counts.inversions(k), counts.pending(k), counts.missing(k)))
                        .as("seed %d, interval %d", seed, k).isEqualTo(expected.get(k));
            }
        }
    }

    private static long descents(List<TranscriptEntry> entries) {
        long descents = 0;
        long previous = Long.MIN_VALUE;
        for (TranscriptEntry e : entries) {
            if (e.seq() > JOIN_HEAD) {
                descents += e.seq() < previous ? 1 : 0;
                previous = e.seq();
            }
        }
        return descents;
    }

    private static long pending(List<TranscriptEntry> entries) {
        return entries.stream().filter(e -> e.status() == MessageStatus.PENDING).count();
    }

    /** Entitled messages due at {@code sampleMs} (committed 1 s before) without a line of them. */
    private static long missing(List<TranscriptEntry> entries, List<Message> log, long sampleMs) {
        return log.stream().filter(m -> m.seq() > JOIN_HEAD && -1_000 + 10 * m.seq() <= sampleMs - 1_000)
                .filter(m -> entries.stream().noneMatch(e -> m.id().equals(e.id())
                        || e.id() == null && m.clientMsgId().equals(e.clientMsgId())))
                .count();
    }

    private static void apply(int op, Transcript t, Message m, Client bob, Set<Long> anchored, int step) {
        switch (op) {
            case 0, 1 -> {
                if (!anchored.contains(m.seq()) && !t.contains(m.id())) {
                    t.insertBySeq(TranscriptEntry.committed(m, MessageStatus.SENT));
                    anchored.add(m.seq());
                }
            }
            case 2 -> {
                if (!t.contains(m.id())) {
                    t.append(TranscriptEntry.committed(m, MessageStatus.SENT));
                }
            }
            case 3 -> {
                if (t.contains(m.id())) {
                    if (t.isPlacedBySeq(m.id())) {
                        anchored.remove(m.seq());
                    }
                    t.remove(m.id());
                }
            }
            case 4 -> {
                if (t.contains(m.id())) {
                    if (t.isPlacedBySeq(m.id())) {
                        anchored.remove(m.seq());
                    }
                    t.moveToEnd(m.id());
                }
            }
            default -> echoOrAck(t, m, bob, anchored, step);
        }
    }

    /** bob's own message: show its echo, or once echoed, acknowledge it into its seq place. */
    private static void echoOrAck(Transcript t, Message m, Client bob, Set<Long> anchored, int step) {
        if (!m.from().equals("bob") || t.contains(m.id())) {
            return;
        }
        if (!t.contains(m.clientMsgId())) {
            bob.send("lobby", m.clientMsgId(), step, step, step);
        } else if (!anchored.contains(m.seq())) {
            t.replaceBySeq(m.clientMsgId(), TranscriptEntry.committed(m, MessageStatus.SENT));
            anchored.add(m.seq());
        }
    }

    private static boolean isPrefix(List<TranscriptEntry> entries) {
        long expected = JOIN_HEAD + 1;
        for (TranscriptEntry e : entries) {
            if (e.seq() > JOIN_HEAD) {
                if (e.seq() != expected) {
                    return false;
                }
                expected++;
            }
        }
        return true;
    }
}
