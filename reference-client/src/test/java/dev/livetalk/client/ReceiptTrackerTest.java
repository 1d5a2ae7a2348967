package dev.livetalk.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.ReceiptKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReceiptTrackerTest {
    private final List<TranscriptChange> changes = new ArrayList<>();
    private final Transcript transcript = new Transcript("r", changes::add);
    private final ReceiptTracker tracker = new ReceiptTracker();

    private void show(long seq) {
        transcript.insertBySeq(TranscriptEntry.committed(
                new Message("r", seq, "m" + seq, "c" + seq, "me", "b", null, 0), MessageStatus.SENT));
    }

    private MessageStatus status(long seq) {
        return transcript.find("m" + seq).status();
    }

    @Test
    void shouldMarkOwnMessagesDeliveredThenReadAsMarkersPassThem() {
        for (long seq = 1; seq <= 3; seq++) {
            show(seq);
            tracker.onOwnCommit("r", seq, "m" + seq, transcript);
        }
        tracker.onReceipt("r", ReceiptKind.DELIVERED, 2, transcript);
        assertThat(List.of(status(1), status(2), status(3)))
                .containsExactly(MessageStatus.DELIVERED, MessageStatus.DELIVERED, MessageStatus.SENT);
        tracker.onReceipt("r", ReceiptKind.READ, 3, transcript);
        assertThat(List.of(status(1), status(2), status(3)))
                .containsExactly(MessageStatus.READ, MessageStatus.READ, MessageStatus.READ);
    }

    @Test
    void shouldForgetTheOldEpochsMarkersWhenTheServerLostItsHistory() {
        tracker.onReceipt("r", ReceiptKind.READ, 9, transcript);
        tracker.onEpochChanged();
        show(4); // seq 4 of the new history: the old read marker at 9 says nothing of it
        tracker.onOwnCommit("r", 4, "m4", transcript);
        assertThat(status(4)).isEqualTo(MessageStatus.SENT);
        tracker.onReceipt("r", ReceiptKind.READ, 4, transcript);
        assertThat(status(4)).isEqualTo(MessageStatus.READ);
    }

    @Test
    void shouldApplyAMarkerThatCameFirstWhenTheOwnMessageCommits() {
        tracker.onReceipt("r", ReceiptKind.DELIVERED, 5, transcript);
        show(4);
        tracker.onOwnCommit("r", 4, "m4", transcript);
        assertThat(status(4)).isEqualTo(MessageStatus.DELIVERED);
        tracker.onReceipt("r", ReceiptKind.READ, 9, transcript);
        show(7);
        tracker.onOwnCommit("r", 7, "m7", transcript);
        assertThat(status(7)).isEqualTo(MessageStatus.READ);
    }

    @Test
    void shouldKeepAMessageWaitingUntilItIsShown() {
        tracker.onOwnCommit("r", 1, "m1", transcript);
        tracker.onReceipt("r", ReceiptKind.DELIVERED, 1, transcript);
        show(1);
        assertThat(status(1)).isEqualTo(MessageStatus.SENT);
        tracker.onReceipt("r", ReceiptKind.DELIVERED, 1, transcript);
        assertThat(status(1)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void shouldReleaseLikeASortedMapUnderRandomCommitsAndMarkers() {
        long seed = 1129L;
        Random random = new Random(seed);
        ReceiptTracker.Waiting waiting = new ReceiptTracker.Waiting();
        TreeMap<Long, String> model = new TreeMap<>();
        List<String> released = new ArrayList<>();
        Set<Long> shown = new HashSet<>();
        List<String> modelReleased = new ArrayList<>();
        Transcript recording = new Transcript("r", change -> {
            if (change instanceof TranscriptChange.StatusChanged s) {
                released.add(s.entry().key());
            }
        });
        for (int op = 0; op < 5_000; op++) {
            long seq = 1 + random.nextInt(300);
            int kind = random.nextInt(6);
            if (kind == 0) {
                // a read marker clears the not-delivered list without touching the transcript
                waiting.release(seq, null, null);
                model.headMap(seq, true).clear();
            } else if (kind > 2) {
                // the id may differ from the one waiting at this seq: the newest wins, as in a map
                String id = model.containsKey(seq) && random.nextBoolean() ? "m" + seq + "-" + op : "m" + seq;
                waiting.put(seq, id);
                model.put(seq, id);
                if (random.nextInt(4) > 0 && shown.add(seq)) {
                    recording.insertBySeq(TranscriptEntry.committed(
                            new Message("r", seq, id, "c" + seq, "me", "b", null, 0), MessageStatus.PENDING));
                }
            } else {
                MessageStatus status = op % 2 == 0 ? MessageStatus.SENT : MessageStatus.DELIVERED;
                Map<Long, String> reached = model.headMap(seq, true);
                reached.values().removeIf(id -> {
                    if (recording.find(id) == null) {
                        return false;
                    }
                    if (recording.find(id).status().canAdvanceTo(status)) {
                        modelReleased.add(id);
                    }
                    return true;
                });
                waiting.release(seq, recording, status);
            }
            assertThat(waiting.size()).as("seed %d op %d", seed, op).isEqualTo(model.size());
        }
        assertThat(released).as("status changes in seq order, seed %d", seed).isEqualTo(modelReleased);
    }
}
