package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceSpillTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReadBackEveryKindOfRecordExactlyAsWritten() {
        TraceRecorder recorder = new TraceRecorder("reconcile", -5, tmp);
        ClientRecorder alice = recorder.client("alice-1", "alice");
        alice.onJoined("lobby", 0);
        TranscriptEntry pending = TranscriptEntry.pending("a1", "alice", "héllo ✓", null);
        TranscriptEntry committed = new TranscriptEntry(7, "lobby:7.ab", "a1", "alice", "héllo ✓", "lobby:3.ab",
                MessageStatus.SENT);
        List<TranscriptChange> changes = List.of(
                new TranscriptChange.Inserted("lobby", -3, 1, pending, -1),
                new TranscriptChange.Replaced("lobby", 10, 1, pending, committed),
                new TranscriptChange.Moved("lobby", 11, 1, committed, 4),
                new TranscriptChange.StatusChanged("lobby", 12, 1, MessageStatus.SENT,
                        committed.withStatus(MessageStatus.READ)),
                new TranscriptChange.StatusChanged("lobby", 12, 1, null, committed.withStatus(MessageStatus.FAILED)),
                // an eviction is written as its line's number: it reads back with the entry the line showed last
                new TranscriptChange.Evicted("lobby", 13, 1, committed.withStatus(MessageStatus.FAILED)),
                new TranscriptChange.Removed("lobby", Long.MAX_VALUE, 1, committed));
        SendRecord send = new SendRecord("lobby", "a1", -4, -2, "lobby:3.ab", "héllo ✓");
        SendRecord bare = new SendRecord("lobby", "a2", 1, 1, null, null);
        alice.onSend(send);
        alice.onSend(bare);
        changes.forEach(alice::onChange);
        alice.onReadMarked("lobby", 7, 13);
        alice.onReceipt("lobby", "bob", ReceiptKind.READ, 7, 14);
        alice.onReceipt("lobby", "bob", ReceiptKind.DELIVERED, 6, 14);
        alice.onTransmitted("lobby", "a1", "héllo ✓", 15);
        alice.onMarkerSent("lobby", ReceiptKind.DELIVERED, 7, 16);
        alice.onRefetch(new Refetch(17, "lobby", "resume", 3, 120, 5));
        Message message = new Message("lobby", 7, "lobby:7.ab", "a1", "alice", "héllo ✓", "lobby:3.ab", 99);
        recorder.onCommitted("epoch-1", message, 9);
        recorder.onCommitted(new Message("lobby", 8, "lobby:8.ab", "b1", "bob", "", null, 0), 10);
        alice.onFinalTranscript("lobby", List.of(committed, pending));

        RunTrace trace = recorder.build();
        recorder.close();

        ClientTrace client = trace.clients().get(0);
        assertThat(client.changes()).containsExactlyElementsOf(changes);
        assertThat(client.sends()).containsExactly(send, bare);
        assertThat(client.readMarks()).containsExactly(new ReadMark("lobby", 7, 13));
        assertThat(client.receipts()).containsExactly(new ReceiptSeen("lobby", "bob", ReceiptKind.READ, 7, 14),
                new ReceiptSeen("lobby", "bob", ReceiptKind.DELIVERED, 6, 14));
        assertThat(client.transmissions()).containsExactly(new Transmission("lobby", "a1", "héllo ✓", 15));
        assertThat(client.markers()).containsExactly(new MarkerSent("lobby", ReceiptKind.DELIVERED, 7, 16));
        assertThat(client.refetches()).containsExactly(new Refetch(17, "lobby", "resume", 3, 120, 5));
        assertThat(client.finalTranscripts()).isEqualTo(Map.of("lobby", List.of(committed, pending)));
        assertThat(trace.log("lobby").messages()).containsExactly(new CommittedMessage(message, 9, "epoch-1"),
                new CommittedMessage(new Message("lobby", 8, "lobby:8.ab", "b1", "bob", "", null, 0), 10, null));
        assertThat(trace.measuredFrom()).isEqualTo(-5);
    }

    @Test
    void shouldReadBackFinalTranscriptsThatDifferFromTheRoomsPreviousOneAnywhere() {
        TraceSpill spill = TraceSpill.in(tmp);
        SplittableRandom random = new SplittableRandom(11); // seeded: 300 transcripts, each a variation of the last
        List<TranscriptEntry> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(new TranscriptEntry(i, "hall:" + i, "c" + i, "user" + (i % 3), "text " + i, null,
                    MessageStatus.DELIVERED));
        }
        List<List<TranscriptEntry>> written = new ArrayList<>();
        List<TranscriptEntry> last = List.of();
        written.add(List.of()); // an empty one first: the next is written whole
        for (int client = 0; client < 300; client++) {
            List<TranscriptEntry> next = new ArrayList<>(client % 7 == 0 ? lines : last);
            switch (random.nextInt(5)) {
                case 0 -> { } // the same lines
                case 1 -> next.subList(0, random.nextInt(next.size() + 1)).clear(); // shorter at the top
                case 2 -> next.subList(random.nextInt(next.size() + 1), next.size()).clear(); // shorter at the bottom
                case 3 -> next.add(random.nextInt(next.size() + 1), lines.get(random.nextInt(lines.size()))); // longer
                default -> { // one line's status differs
                    if (!next.isEmpty()) {
                        int at = random.nextInt(next.size());
                        next.set(at, next.get(at).withStatus(MessageStatus.READ));
                    }
                }
            }
            written.add(next);
            last = next;
        }
        for (int client = 0; client < written.size(); client++) {
            spill.finalTranscript(client, 0, "hall", written.get(client));
        }

        TraceSpill.Contents contents = spill.read();
        for (int client = 0; client < written.size(); client++) {
            assertThat(contents.client(client).finalTranscripts()).as("client " + client)
                    .isEqualTo(Map.of("hall", written.get(client)));
        }
        spill.close();
    }

    @Test
    void shouldWriteEverythingARecorderHandedOverThoughItWasInterruptedAndKeepItsInterrupt() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        Thread.currentThread().interrupt(); // a run stopped by a signal: the thread that plays it is interrupted
        try {
            for (int i = 0; i < 200_000; i++) { // many more than the writer's queue holds
                spill.change(0, i, new TranscriptChange.Inserted("hall", i, i + 1, entry, i));
            }
            List<TranscriptChange> read = spill.read().client(0).changes();

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(read).hasSize(200_000);
            assertThat(read.get(199_999).entryNo()).isEqualTo(200_000);
        } finally {
            Thread.interrupted();
            spill.close();
        }
    }

    @Test
    void shouldRefuseATraceOneOfWhoseRecordsCouldNotBeWritten() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.change(0, 0, new TranscriptChange.Inserted("hall", 1, 1, entry, -1));
        spill.finalTranscript(0, 1, "hall", java.util.Arrays.asList(entry, null)); // a harness bug: no line

        assertThatThrownBy(spill::read).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("a record of the trace could not be written");
        spill.close();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAnEvictionOfALineTheTraceNeverShowed() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.change(0, 0, new TranscriptChange.Inserted("hall", 1, 1, entry, -1));
        spill.change(0, 1, new TranscriptChange.Evicted("hall", 2, 7, entry));

        assertThatThrownBy(spill::read).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("evicts line #7 of room hall, which its trace never showed");
        spill.close();
    }

    @Test
    void shouldKeepEachClientsOrderAcrossRoomsAndStringsThatCollideInTheCache() {
        TraceRecorder recorder = new TraceRecorder("gap-fill", 0, tmp);
        ClientRecorder alice = recorder.client("alice-1", "alice");
        ClientRecorder bob = recorder.client("bob-1", "bob");
        List<TranscriptChange> aliceChanges = new ArrayList<>();
        List<TranscriptChange> bobChanges = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7); // seeded: the rooms and texts of 20,000 changes
        for (int i = 0; i < 20_000; i++) {
            String room = "room" + random.nextInt(5);
            // 20,000 distinct texts overflow the 4,096-slot string cache many times over
            TranscriptEntry entry = new TranscriptEntry(i + 1, room + ":" + (i + 1), "c" + i, "alice",
                    "text " + random.nextInt(30_000), null, MessageStatus.DELIVERED);
            TranscriptChange change = new TranscriptChange.Inserted(room, i, i + 1, entry, i);
            if (random.nextBoolean()) {
                alice.onChange(change);
                aliceChanges.add(change);
            } else {
                bob.onChange(change);
                bobChanges.add(change);
            }
        }

        RunTrace trace = recorder.build();
        recorder.close();

        assertThat(trace.clients().get(0).changes()).containsExactlyElementsOf(aliceChanges);
        assertThat(trace.clients().get(1).changes()).containsExactlyElementsOf(bobChanges);
    }

    @Test
    void shouldGiveTheReadingsOfARoomThatShareItsStringsOneStringPerText() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.send(0, 0, new SendRecord("hall", "a1", 1, 1, null, "hi"));
        spill.change(0, 1, new TranscriptChange.Inserted("hall", 1, 1, entry, -1));
        spill.change(1, 0, new TranscriptChange.Inserted("hall", 2, 1, entry, -1));

        TraceSpill.Strings strings = new TraceSpill.Strings();
        SendRecord send = spill.readWithoutChanges("hall", strings).client(0).sends().get(0);
        TranscriptEntry atAlice = spill.changes("hall", 0, strings).get(0).entry();
        TranscriptEntry atBob = spill.changes("hall", 1, strings).get(0).entry();
        assertThat(atAlice).isEqualTo(entry).isNotSameAs(atBob);
        assertThat(atAlice.body()).isSameAs(send.body()).isSameAs(atBob.body());
        assertThat(atAlice.clientMsgId()).isSameAs(send.clientMsgId()).isSameAs(atBob.clientMsgId());
        assertThat(spill.changes("hall", 1).get(0).entry().body()).as("a reading that shares nothing")
                .isEqualTo("hi").isNotSameAs(send.body());
        spill.close();
    }

    @Test
    void shouldHandEveryClientsChangesOfARoomInOnePassInTheOrderTheyWereWritten() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry hi = TranscriptEntry.pending("a1", "alice", "hi", null);
        TranscriptEntry yo = TranscriptEntry.pending("b1", "bob", "yo", null);
        spill.change(0, 0, new TranscriptChange.Inserted("hall", 1, 1, hi, -1));
        spill.send(0, 1, new SendRecord("hall", "a1", 1, 1, null, "hi"));
        spill.change(2, 0, new TranscriptChange.Inserted("hall", 2, 1, yo, -1));
        spill.change(0, 2, new TranscriptChange.Inserted("lobby", 3, 1, yo, -1));
        spill.change(2, 1, new TranscriptChange.Evicted("hall", 4, 1, yo));
        spill.change(0, 3, new TranscriptChange.Evicted("hall", 5, 1, hi));

        List<String> read = new ArrayList<>();
        spill.changes("hall", new TraceSpill.Strings(), (client, change) ->
                read.add(client + ":" + change.getClass().getSimpleName() + "@" + change.at() + "=" + change.entry().body()));
        assertThat(read).as("client 1 has none, the lobby's and the send are not changes of the hall")
                .containsExactly("0:Inserted@1=hi", "2:Inserted@2=yo", "2:Evicted@4=yo", "0:Evicted@5=hi");
        List<TranscriptChange> none = new ArrayList<>();
        spill.changes("nowhere", null, (client, change) -> none.add(change));
        assertThat(none).isEmpty();
        spill.close();
    }

    @Test
    void shouldRefuseAClientsChangesReadBackOutOfItsOrderNamingTheClientAndRoom() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry hi = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.change(0, 5, new TranscriptChange.Inserted("hall", 1, 1, hi, -1));
        spill.change(0, 5, new TranscriptChange.Inserted("hall", 2, 2, hi, -1)); // the same running number again

        assertThatThrownBy(() -> spill.changes("hall", null, (client, change) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client #0's changes of room hall").hasMessageContaining("out of its order");
        spill.close();
    }

    @Test
    void shouldReadOneRoomAloneAndListTheRoomsInTheOrderTheyWereFirstWritten() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.change(0, 0, new TranscriptChange.Inserted("hall", 1, 1, entry, -1));
        spill.change(0, 1, new TranscriptChange.Inserted("lobby", 2, 1, entry, -1));
        spill.change(1, 0, new TranscriptChange.Inserted("hall", 3, 1, entry, -1));

        assertThat(spill.rooms()).containsExactly("hall", "lobby");
        TraceSpill.Contents hall = spill.read("hall");
        assertThat(hall.client(0).changes()).extracting(TranscriptChange::at).containsExactly(1L);
        assertThat(hall.client(1).changes()).extracting(TranscriptChange::at).containsExactly(3L);
        assertThat(spill.read("nowhere").client(0).changes()).isEmpty();
        spill.close();
        assertThat(spill.folder()).doesNotExist();
    }

    @Test
    void shouldReadWhatWasWrittenBeforeTheReadWhileClientsGoOnWritingAndDropWhatComesAfterClose() throws Exception {
        TraceRecorder recorder = new TraceRecorder("reconcile", 0, tmp);
        ClientRecorder alice = recorder.client("alice-1", "alice");
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        for (int i = 0; i < 1_000; i++) {
            alice.onChange(new TranscriptChange.Inserted("lobby", i, i + 1, entry, i));
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> more = writer.submit(() -> {
                for (int i = 1_000; i < 200_000; i++) {
                    alice.onChange(new TranscriptChange.Inserted("lobby", i, i + 1, entry, i));
                }
            });
            RunTrace trace = recorder.build();
            more.get();
            // a prefix of what the client recorded, each record whole: none cut in the middle
            List<TranscriptChange> read = trace.clients().get(0).changes();
            assertThat(read.size()).isBetween(1_000, 200_000);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).entryNo()).isEqualTo(i + 1);
            }
        } finally {
            writer.shutdownNow();
        }
        recorder.close();
        alice.onChange(new TranscriptChange.Inserted("hall", 1, 1, entry, -1)); // after close: dropped, no error
        recorder.onCommitted(new Message("hall", 1, "h1", "c1", "carol", "yo", null, 0), 2);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void shouldRefuseToGiveATraceItCouldNotWriteWholeAndSayWhereAndWhatToDo() throws Exception {
        Path blocked = Files.writeString(tmp.resolve("blocked"), "a file where the folder should go");
        TraceRecorder recorder = new TraceRecorder("reconcile", 0, blocked.resolve("traces"));
        ClientRecorder alice = recorder.client("alice-1", "alice");
        // the spill's folder cannot be made: the client goes on, the failure is kept
        alice.onChange(new TranscriptChange.Inserted("lobby", 1, 1, TranscriptEntry.pending("a1", "alice", "hi",
                null), -1));
        alice.onChange(new TranscriptChange.Inserted("lobby", 2, 2, TranscriptEntry.pending("a2", "alice", "hi",
                null), 1));

        assertThatThrownBy(recorder::build).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(blocked.resolve("traces").toString())
                .hasMessageContaining("java.io.tmpdir");
        recorder.close();
    }

    @Test
    void shouldLeaveNothingBehindWhenNothingWasRecorded() {
        TraceRecorder recorder = new TraceRecorder("reconcile", 0, tmp);
        recorder.client("alice-1", "alice").onJoined("lobby", 0);
        assertThat(recorder.build().clients()).hasSize(1);
        assertThat(tmp).isEmptyDirectory();
        recorder.close();
    }

    @Test
    void shouldGiveTheRoomsTheRunAndItsContextAsTheWholeTraceSlicedInMemory() {
        for (boolean withStarts : new boolean[] {true, false}) {
            TraceRecorder recorder = new TraceRecorder("reconcile", 2, tmp);
            recordTwoRoomsAcrossARestart(recorder, withStarts);
            RunTrace whole = recorder.build();
            RoomSlices expected = RoomSlices.of(whole);
            RoomSlices spilled = recorder.slices();

            assertThat(whole.finalEpoch()).isEqualTo("e2");
            assertThat(spilled.context()).isEqualTo(expected.context());
            assertThat(spilled.context().finalEpochBegan()).isNotEqualTo(Long.MIN_VALUE);
            assertThat(spilled.run()).isEqualTo(expected.run());
            assertThat(spilled.rooms()).isEqualTo(expected.rooms()).containsExactly("hall", "lobby", "patio");
            for (String room : expected.rooms()) {
                assertThat(spilled.slice(room)).as(room).isEqualTo(expected.slice(room));
            }
            RoomSlices parts = recorder.slices();
            for (String room : expected.rooms()) {
                assertThat(withChangesRead(parts.part(room))).as(room).isEqualTo(whole.slice(room));
            }
            recorder.close();
        }
    }

    /**
     * A room whose spill file is larger than {@link TraceRecorder#WHOLE_ROOM_BYTES_PROPERTY} says (0
     * here) is read without its changes, each client's read on its own; a smaller one (the default's
     * 16 MiB) whole, once: the same slice either way.
     */
    @ParameterizedTest(name = "one member at a time: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReadARoomWithoutItsChangesThenEachClientsChangesAloneAsTheWholeRoomHoldsThem(boolean memberByMember) {
        if (memberByMember) {
            System.setProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY, "0");
        }
        TraceRecorder recorder;
        try {
            recorder = new TraceRecorder("gap-fill", 0, tmp);
        } finally {
            System.clearProperty(TraceRecorder.WHOLE_ROOM_BYTES_PROPERTY);
        }
        List<ClientRecorder> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(recorder.client("c-" + c, "user" + c));
            clients.get(c).onJoined("hall", 0);
        }
        ClientRecorder onlyChanges = recorder.client("lurker-1", "lurker"); // shows the hall without joining it
        SplittableRandom random = new SplittableRandom(11); // seeded: who shows what, and when lines scroll away
        for (int i = 0; i < 12_000; i++) {
            int c = random.nextInt(4);
            String room = random.nextInt(4) == 0 ? "lobby" : "hall";
            // distinct texts overflow the 4,096-slot string cache: what a reading skips must keep it in step
            TranscriptEntry entry = new TranscriptEntry(i + 1, room + ":" + (i + 1), "m" + i, "user" + c,
                    "text " + random.nextInt(40_000), null, MessageStatus.DELIVERED);
            ClientRecorder client = clients.get(c);
            client.onChange(new TranscriptChange.Inserted(room, i, i + 1, entry, -1));
            if (random.nextInt(3) == 0) {
                entry = entry.withStatus(MessageStatus.READ);
                client.onChange(new TranscriptChange.StatusChanged(room, i, i + 1, MessageStatus.DELIVERED, entry));
            }
            if (random.nextInt(3) == 0) {
                // written as the line's number: read back with the entry the line showed last
                client.onChange(new TranscriptChange.Evicted(room, i, i + 1, entry));
            }
            client.onSend(new SendRecord(room, "m" + i, i, i, null, "text " + i));
        }
        onlyChanges.onChange(new TranscriptChange.Inserted("hall", 5, 1, TranscriptEntry.pending("x", "lurker", "hi",
                null), -1));
        clients.get(0).onFinalTranscript("hall", List.of());
        RunTrace whole = recorder.build();
        RoomSlices parts = recorder.slices();

        for (String room : List.of("hall", "lobby")) {
            RoomSlices.Part part = parts.part(room);
            if (memberByMember) {
                assertThat(part.slice().clients()).as(room).allMatch(c -> c.changes().isEmpty());
            } else {
                assertThat(part.slice()).as(room + ", read whole").isEqualTo(whole.slice(room));
            }
            assertThat(withChangesRead(part)).as(room).isEqualTo(whole.slice(room));
            // every member's changes in one reading: each member's in its order, as the whole room holds them
            int count = part.slice().clients().size();
            List<List<TranscriptChange>> byPlace = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int place = 0; place < count; place++) {
                byPlace.add(new ArrayList<>());
            }
            part.changes().readAll(count, (change, place) -> {
                byPlace.get(place).add(change);
                if (place < 4) { // the lurker's one change was written after the others, at an earlier time
                    times.add(change.at());
                }
            });
            for (int place = 0; place < count; place++) {
                assertThat(byPlace.get(place)).as(room + " place " + place)
                        .isEqualTo(whole.slice(room).clients().get(place).changes());
            }
            if (memberByMember) {
                // read from the file in one pass: the members' changes interleaved as they were written
                assertThat(times).as(room).isSorted();
                assertThat(byPlace.stream().filter(list -> !list.isEmpty()).count()).as(room).isGreaterThan(1);
            }
            // a reader of fewer places than the slice's clients is handed theirs alone
            List<Integer> placesOfTwo = new ArrayList<>();
            part.changes().readAll(2, (change, place) -> placesOfTwo.add(place));
            assertThat(placesOfTwo).as(room).containsOnly(0, 1)
                    .hasSize(whole.slice(room).clients().get(0).changes().size()
                            + whole.slice(room).clients().get(1).changes().size());
        }
        assertThat(whole.slice("hall").clients().get(4).changes()).hasSize(1);
        assertThat(whole.slice("hall").clients().get(0).changes().stream()
                .filter(ch -> ch instanceof TranscriptChange.Evicted)).isNotEmpty();
        recorder.close();
    }

    /** The part's slice with each client's changes read, as the measurement reads them: one client at a time. */
    private static RunTrace withChangesRead(RoomSlices.Part part) {
        List<ClientTrace> clients = new ArrayList<>();
        for (int place = 0; place < part.slice().clients().size(); place++) {
            clients.add(part.slice().clients().get(place).withChanges(part.changes().list(place)));
        }
        return part.slice().withClients(clients);
    }

    private static void recordTwoRoomsAcrossARestart(TraceRecorder recorder, boolean withStarts) {
        ClientRecorder alice = recorder.client("alice-1", "alice");
        ClientRecorder bob = recorder.client("bob-1", "bob");
        if (withStarts) {
            recorder.onServerStarted("e1", 0);
        }
        alice.onWelcome(new WelcomeSeen("main", 1, "e1", Map.of()));
        bob.onWelcome(new WelcomeSeen("main", 1, "e1", Map.of()));
        alice.onJoined("lobby", 0);
        alice.onJoined("hall", 0);
        bob.onJoined("hall", 0);
        bob.onJoined("patio", 0); // joined, and nothing happened there
        alice.onRequestSent(new RequestSent("hello", "main", 1));
        recorder.onServerRequest("hello", 1);
        Message lost = new Message("lobby", 1, "lobby:1.e1", "a1", "alice", "hi", null, 3);
        alice.onSend(new SendRecord("lobby", "a1", 2, 2, null, "hi"));
        alice.onTransmitted("lobby", "a1", "hi", 2);
        recorder.onCommitted("e1", lost, 3);
        TranscriptEntry hi = TranscriptEntry.committed(lost, MessageStatus.SENT);
        alice.onChange(new TranscriptChange.Inserted("lobby", 4, 1, hi, -1));
        Message hallOne = new Message("hall", 1, "hall:1.e1", "b1", "bob", "yo", null, 5);
        recorder.onCommitted("e1", hallOne, 5);
        alice.onChange(new TranscriptChange.Inserted("hall", 6, 1, TranscriptEntry.committed(hallOne,
                MessageStatus.DELIVERED), -1));
        alice.onMarkerSent("hall", ReceiptKind.DELIVERED, 1, 6);
        bob.onReceipt("hall", "alice", ReceiptKind.DELIVERED, 1, 7);
        if (withStarts) {
            recorder.onServerStarted("e2", 10);
        }
        alice.onWelcome(new WelcomeSeen("main", 11, "e2", Map.of("lobby", "epoch-changed")));
        bob.onWelcome(new WelcomeSeen("main", 12, "e2", Map.of()));
        Message again = new Message("lobby", 1, "lobby:1.e2", "a1", "alice", "hi", null, 13);
        alice.onTransmitted("lobby", "a1", "hi", 12);
        recorder.onCommitted("e2", again, 13);
        alice.onRefetch(new Refetch(14, "hall", "history", 1, 40, 1));
        alice.onChange(new TranscriptChange.Replaced("lobby", 14, 1, hi, TranscriptEntry.committed(again,
                MessageStatus.SENT)));
        alice.onReadMarked("lobby", 1, 15);
        Message hallTwo = new Message("hall", 1, "hall:1.e2", "b2", "bob", "again", null, 16);
        bob.onSend(new SendRecord("hall", "b2", 15, 15, null, "again"));
        recorder.onCommitted("e2", hallTwo, 16);
        bob.onChange(new TranscriptChange.Inserted("hall", 17, 1, TranscriptEntry.committed(hallTwo,
                MessageStatus.SENT), -1));
        alice.onFinalTranscript("lobby", List.of(TranscriptEntry.committed(again, MessageStatus.SENT)));
        alice.onFinalTranscript("hall", List.of(TranscriptEntry.committed(hallOne, MessageStatus.DELIVERED)));
        bob.onFinalTranscript("hall", List.of(TranscriptEntry.committed(hallTwo, MessageStatus.SENT)));
        recorder.onFaultWindow(new TraceWindow("restart", 1, 9, 11, List.of(), true, "restart"));
        // a late commit of the lost epoch (a server that answered once more before its restart took hold, as
        // recorded): not part of the final log, so not where the trace ends
        recorder.onCommitted("e1", new Message("hall", 2, "hall:2.e1", "b3", "bob", "late", null, 40), 40);
        bob.onWelcome(new WelcomeSeen("receive", 41, "e2", Map.of())); // the latest record names the final epoch
        recorder.seal();
        alice.onChange(new TranscriptChange.Inserted("lobby", 30, 2, hi, 1)); // after the run: not in the trace
        recorder.onServerRequest("hello", 30);
    }
}
