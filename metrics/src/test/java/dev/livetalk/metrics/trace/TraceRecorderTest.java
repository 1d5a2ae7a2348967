package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LinkSelector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceRecorderTest {
    @Test
    void shouldRefuseAWholeRoomSizeThatIsNotABytesCountBeforeTheRunPlays() {
        for (String bad : List.of("-1", "16MB", "")) {
            System.setProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY, bad);
            try {
                assertThatThrownBy(() -> new TraceRecorder("reconcile", 0L))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("-Dlivetalk.measure.wholeRoomBytes=" + bad)
                        .hasMessageContaining("a whole number >= 0");
            } finally {
                System.clearProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY);
            }
        }
    }


    @Test
    void shouldRecordWhatAClientDidAndShowedInOrder() {
        TraceRecorder recorder = new TraceRecorder("reconcile", 5);
        ClientRecorder alice = recorder.client("alice-1", "alice");
        alice.onJoined("lobby", 3);
        alice.onJoined("lobby", 9); // a rejoin does not change the entitlement
        alice.onSend(new SendRecord("lobby", "a1", 10, 12, null));
        Transcript transcript = new Transcript("lobby", alice);
        transcript.setTime(13);
        transcript.append(TranscriptEntry.pending("a1", "alice", "hi", null));
        Message m = new Message("lobby", 4, "m4", "a1", "alice", "hi", null, 0);
        recorder.onCommitted(m, 20);
        transcript.setTime(25);
        transcript.replaceBySeq("a1", TranscriptEntry.committed(m, MessageStatus.SENT));
        alice.onFinalTranscript("lobby", transcript.entries());

        RunTrace trace = recorder.build();
        ClientTrace client = trace.clients().get(0);
        assertThat(trace.strategy()).isEqualTo("reconcile");
        assertThat(trace.measuredFrom()).isEqualTo(5);
        assertThat(client.joinedAt()).containsExactlyEntriesOf(java.util.Map.of("lobby", 3L));
        assertThat(client.changes()).extracting(TranscriptChange::at).containsExactly(13L, 25L, 25L);
        assertThat(client.finalTranscripts().get("lobby")).extracting(TranscriptEntry::id).containsExactly("m4");
        assertThat(trace.log("lobby").messages()).extracting(CommittedMessage::committedAt).containsExactly(20L);
        assertThat(trace.log("elsewhere").messages()).isEmpty();
    }

    @Test
    void shouldEndAClientsChangeLogWhereItsFinalTranscriptWasTaken() {
        TraceRecorder recorder = new TraceRecorder("reconcile", 0);
        ClientRecorder alice = recorder.client("alice-1", "alice");
        alice.onJoined("lobby", 0);
        alice.onJoined("hall", 0);
        Transcript lobby = new Transcript("lobby", alice);
        Transcript hall = new Transcript("hall", alice);
        lobby.setTime(10);
        lobby.append(TranscriptEntry.committed(new Message("lobby", 1, "m1", "b1", "bob", "hi", null, 0),
                MessageStatus.SENT));
        alice.onFinalTranscript("lobby", lobby.entries());
        // the client still runs until the harness closes it: a stall released late delivers more
        lobby.setTime(20);
        lobby.append(TranscriptEntry.committed(new Message("lobby", 2, "m2", "b2", "bob", "late", null, 0),
                MessageStatus.SENT));
        hall.setTime(20);
        hall.append(TranscriptEntry.committed(new Message("hall", 1, "h1", "c1", "carol", "yo", null, 0),
                MessageStatus.SENT));

        ClientTrace client = recorder.build().clients().get(0);
        assertThat(client.changes()).extracting(TranscriptChange::room, TranscriptChange::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lobby", 10L),
                        org.assertj.core.groups.Tuple.tuple("hall", 20L));
        assertThat(client.finalTranscripts().get("lobby")).extracting(TranscriptEntry::id).containsExactly("m1");
    }

    @Test
    void shouldKeepEveryRecordWhenTheLoadAndTheSessionThreadsWriteAtOnce() throws Exception {
        TraceRecorder recorder = new TraceRecorder("gap-fill", 0);
        ClientRecorder bob = recorder.client("bob-1", "bob");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(threads.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    bob.onSend(new SendRecord("lobby", "b" + i, i, i, null));
                }
            }));
            done.add(threads.submit(() -> {
                for (int i = 1; i <= 10_000; i++) {
                    recorder.onCommitted(new Message("lobby", i, "m" + i, "c" + i, "carol", "x", null, 0), i);
                    bob.onReadMarked("lobby", i, i);
                }
            }));
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        RunTrace trace = recorder.build();
        assertThat(trace.clients().get(0).sends()).hasSize(10_000);
        assertThat(trace.clients().get(0).readMarks()).hasSize(10_000);
        assertThat(trace.log("lobby").messages()).hasSize(10_000);
    }

    @Test
    void shouldRefuseTwoClientsWithOneId() {
        TraceRecorder recorder = new TraceRecorder("ordered", 0);
        recorder.client("c1", "alice");
        assertThatThrownBy(() -> recorder.client("c1", "bob")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client id must be unique in a run: c1");
    }

    @Test
    void shouldRefuseASendBeforeItsIntendedTime() {
        assertThatThrownBy(() -> new SendRecord("lobby", "a1", 100, 99, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a send cannot happen before it was intended: actualAt 99 < intendedAt 100 (a1)");
    }

    @Test
    void shouldPlaceAScheduledWindowOnTheTraceClockFromTheEndOfTheWarmUp() {
        FaultWindow window = new FaultWindow("outage", 2, Duration.ofSeconds(20), Duration.ofSeconds(25),
                new DownFault(), DirectionSelector.BOTH, List.of("bob"), LinkSelector.BOTH, false);
        TraceWindow onTrace = TraceWindow.of(window, 1_000);
        assertThat(onTrace.start()).isEqualTo(20_000_001_000L);
        assertThat(onTrace.end()).isEqualTo(25_000_001_000L);
        assertThat(onTrace.occurrence()).isEqualTo(2);
        assertThat(onTrace.targets("bob")).isTrue();
        assertThat(onTrace.targets("alice")).isFalse();
        assertThat(onTrace.activeAt(25_000_001_000L)).isFalse();
    }
}
