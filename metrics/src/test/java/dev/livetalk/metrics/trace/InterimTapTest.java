package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InterimTapTest {
    private static final long MS = 1_000_000;
    private static final String ROOM = "lobby";

    private final InterimTap tap = new InterimTap();
    private final TraceRecorder trace = new TraceRecorder("reconcile", 0, tap);
    private final ClientRecorder alice = joined("alice");
    private final ClientRecorder bob = joined("bob");
    private final ClientRecorder carol = joined("carol");
    private long entryNo;

    private ClientRecorder joined(String user) {
        ClientRecorder client = trace.client(user, user);
        client.onJoined(ROOM, 0);
        return client;
    }

    /**
     * Alice sends message {@code n} intended at {@code intendedMs}, handed over {@code lagMs}
     * later; her echo shows at once (before the send is recorded, as a session does).
     */
    private Message send(int n, long intendedMs, long lagMs) {
        String clientMsgId = "a-" + n;
        long actual = (intendedMs + lagMs) * MS;
        alice.onChange(new TranscriptChange.Inserted(ROOM, actual, ++entryNo,
                TranscriptEntry.pending(clientMsgId, "alice", "hi " + n, null), -1));
        alice.onSend(new SendRecord(ROOM, clientMsgId, intendedMs * MS, actual, null, "hi " + n));
        return new Message(ROOM, n, "m" + n, clientMsgId, "alice", "hi " + n, null, 0);
    }

    private void ack(Message message, long atMs) {
        trace.onCommitted(message, atMs * MS);
        TranscriptEntry committed = TranscriptEntry.committed(message, MessageStatus.SENT);
        alice.onChange(new TranscriptChange.Replaced(ROOM, atMs * MS, ++entryNo,
                TranscriptEntry.pending(message.clientMsgId(), "alice", message.body(), null), committed));
    }

    private void shown(ClientRecorder peer, Message message, long atMs) {
        peer.onChange(new TranscriptChange.Inserted(ROOM, atMs * MS, ++entryNo,
                TranscriptEntry.committed(message, MessageStatus.SENT), -1));
    }

    @Test
    void aSettledMessageGivesItsFiguresAndIsForgotten() {
        Message m = send(1, 0, 1);
        ack(m, 3);
        shown(bob, m, 5);
        shown(carol, m, 7);
        shown(carol, m, 20); // shown again (a reload): not a first showing

        assertThat(tap.followed()).isZero();
        InterimTap.Interval minute = tap.interval(60_000 * MS);
        assertThat(minute.sent()).isEqualTo(1);
        assertThat(minute.committed()).isEqualTo(1);
        assertThat(minute.pending()).isZero();
        assertThat(minute.echoP99Nanos()).isCloseTo(1 * MS, within(MS / 50));
        assertThat(minute.schedulingLagP99Nanos()).isCloseTo(1 * MS, within(MS / 50));
        assertThat(minute.peerFirstP99Nanos()).isCloseTo(7 * MS, within(7 * MS / 50));
    }

    @Test
    void eachIntervalCountsItsOwnEventsAndItsPercentiles() {
        for (int i = 1; i <= 100; i++) { // minute 1: peer-first 1..100 ms at bob, 1 ms at carol
            Message m = send(i, i * 10L, 0);
            ack(m, i * 10L);
            shown(bob, m, i * 10L + i);
            shown(carol, m, i * 10L + 1);
        }
        InterimTap.Interval first = tap.interval(60_000 * MS);
        Message late = send(101, 61_000, 4);
        InterimTap.Interval second = tap.interval(120_000 * MS);

        assertThat(first.sent()).isEqualTo(100);
        assertThat(first.committed()).isEqualTo(100);
        assertThat(first.pending()).isZero();
        // 200 samples: 100 of 1 ms, and 1..100 ms; the 198th is 99 ms
        assertThat(first.peerFirstP99Nanos()).isCloseTo(99 * MS, within(2 * MS));
        assertThat(first.echoP99Nanos()).isZero();
        assertThat(second.sent()).isEqualTo(1);
        assertThat(second.committed()).isZero();
        assertThat(second.pending()).isEqualTo(1);
        assertThat(second.peerFirstP99Nanos()).as("no peer showed anything in minute 2").isEqualTo(-1);
        assertThat(second.schedulingLagP99Nanos()).isCloseTo(4 * MS, within(MS / 10));
        assertThat(late.seq()).isEqualTo(101);
    }

    @Test
    void messagesThatNeverSettleAreForgottenAfterTheKeep() {
        for (int i = 1; i <= 50; i++) {
            Message m = send(i, i, 0);
            ack(m, i + 1);
            shown(bob, m, i + 2); // carol never shows them
        }
        assertThat(tap.followed()).isEqualTo(50);
        assertThat(tap.interval(60_000 * MS).followed()).as("within the keep: followed").isEqualTo(50);

        long afterKeep = 51 + InterimTap.KEEP.toNanos() / MS + 1;
        assertThat(tap.interval(afterKeep * MS).followed()).isZero();
        assertThat(tap.followed()).isZero();
        shown(carol, new Message(ROOM, 1, "m1", "a-1", "alice", "hi 1", null, 0), afterKeep + 1);
        assertThat(tap.interval((afterKeep + 60_000) * MS).peerFirstP99Nanos())
                .as("a showing of a forgotten message has no sample").isEqualTo(-1);
    }

    @Test
    void theMapStaysBoundedOverAnHourOfSteadyLoadWithALossyPeer() {
        long perMinute = 600;
        int peak = 0;
        for (int minute = 0; minute < 60; minute++) {
            for (int i = 0; i < perMinute; i++) {
                int n = (int) (minute * perMinute + i + 1);
                long at = minute * 60_000L + i * 100;
                Message m = send(n, at, 0);
                ack(m, at + 1);
                shown(bob, m, at + 2);
                if (n % 10 != 0) { // carol misses one in ten: they are never settled
                    shown(carol, m, at + 3);
                }
            }
            tap.interval((minute + 1) * 60_000L * MS);
            peak = Math.max(peak, tap.followed());
        }
        // unsettled: 60 a minute, kept for two minutes plus the one under way
        assertThat(peak).isLessThanOrEqualTo((int) (perMinute / 10 * (Duration.ofMinutes(2).toMinutes() + 1)));
    }
}
