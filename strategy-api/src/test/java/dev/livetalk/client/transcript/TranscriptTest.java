package dev.livetalk.client.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetalk.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    private final List<TranscriptChange> changes = new ArrayList<>();
    private final Transcript transcript = new Transcript("r", changes::add);

    private static TranscriptEntry committed(long seq) {
        return TranscriptEntry.committed(new Message("r", seq, "r:" + seq, "c" + seq, "bob", "m" + seq, null, 0),
                MessageStatus.SENT);
    }

    private List<Long> seqs() {
        return transcript.entries().stream().map(TranscriptEntry::seq).toList();
    }

    private long moves() {
        return changes.stream().filter(c -> c instanceof TranscriptChange.Moved).count();
    }

    @Test
    void shouldPlaceLinesBySeqWhateverTheArrivalOrder() {
        for (long seq : new long[] {5, 1, 3, 2, 4, 7, 6}) {
            transcript.insertBySeq(committed(seq));
        }

        assertThat(seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(moves()).isZero();
        assertThat(changes).hasSize(7).allMatch(c -> c instanceof TranscriptChange.Inserted);
    }

    @Test
    void shouldKeepPendingEchoesBelowCommittedLines() {
        transcript.insertBySeq(committed(1));
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));
        transcript.insertBySeq(committed(2));

        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("r:1", "r:2", "x");
    }

    @Test
    void shouldCountAMoveWhenAnEchoLandsAboveLinesThatArrivedAfterIt() {
        transcript.insertBySeq(committed(1));
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));
        transcript.append(TranscriptEntry.pending("y", "alice", "ho", null));
        TranscriptEntry y = transcript.find("y").withCommit(2, "r:2", MessageStatus.SENT);

        transcript.replaceBySeq("y", y);

        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("r:1", "r:2", "x");
        assertThat(moves()).isEqualTo(1);
        assertThat(changes).filteredOn(c -> c instanceof TranscriptChange.StatusChanged).singleElement()
                .satisfies(c -> assertThat(((TranscriptChange.StatusChanged) c).previous()).isEqualTo(MessageStatus.PENDING));
    }

    @Test
    void shouldNotCountAMoveWhenAReplaceLandsWhereTheLineWas() {
        transcript.insertBySeq(committed(1));
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));

        transcript.replaceBySeq("x", transcript.find("x").withCommit(2, "r:2", MessageStatus.SENT));

        assertThat(moves()).isZero();
        assertThat(transcript.find("x")).isNull();
        assertThat(transcript.isPlacedBySeq("r:2")).isTrue();
    }

    @Test
    void shouldReanchorALineWhoseSeqChangesInPlace() {
        for (long seq : new long[] {1, 3, 5}) {
            transcript.insertBySeq(committed(seq));
        }
        // the line of seq 3 now says seq 6: it stays where it is, anchored by its new seq
        transcript.replace("r:3", TranscriptEntry.committed(
                new Message("r", 6, "r:3", "c3", "bob", "m3", null, 0), MessageStatus.SENT));
        transcript.insertBySeq(committed(7)); // after the highest lower seq: 6
        transcript.insertBySeq(committed(4)); // before the lowest higher seq: 5
        assertThat(seqs()).containsExactly(1L, 6L, 7L, 4L, 5L);
        assertThat(transcript.isPlacedBySeq("r:3")).isTrue();
        assertThatThrownBy(() -> transcript.insertBySeq(committed(6))).isInstanceOf(IllegalStateException.class);
        transcript.insertBySeq(committed(3)); // seq 3 is free again
        assertThat(seqs()).containsExactly(1L, 6L, 7L, 3L, 4L, 5L);
        assertThat(transcript.size()).isEqualTo(6);
    }

    @Test
    void shouldChangeNothingWhenItRefusesASeqThatIsTaken() {
        transcript.insertBySeq(committed(1));
        transcript.insertBySeq(committed(2));
        transcript.append(TranscriptEntry.pending("p", "bob", "m", null));
        List<TranscriptEntry> before = transcript.entries();
        int changesBefore = changes.size();
        TranscriptEntry atTwo = TranscriptEntry.committed(new Message("r", 2, "x", "cx", "bob", "m", null, 0),
                MessageStatus.SENT);

        assertThatThrownBy(() -> transcript.insertBySeq(committed(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transcript.replaceBySeq("p", atTwo)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transcript.replace("r:1", atTwo)).isInstanceOf(IllegalStateException.class);

        assertThat(transcript.entries()).isEqualTo(before);
        assertThat(changes).hasSize(changesBefore);
        assertThat(transcript.isPlacedBySeq("r:1")).isTrue();
        assertThat(transcript.isPlacedBySeq("p")).isFalse();
        transcript.insertBySeq(committed(3));
        assertThat(seqs()).containsExactly(1L, 2L, 3L, 0L);
    }

    @Test
    void shouldFindTheLowestCommittedLineAbovePendingOnes() {
        assertThat(transcript.lastCommitted()).isNull();
        transcript.insertBySeq(committed(2));
        transcript.insertBySeq(committed(1));
        transcript.append(TranscriptEntry.pending("p1", "me", "hi", null));
        assertThat(transcript.lastCommitted().seq()).isEqualTo(2);
        transcript.remove("r:2");
        assertThat(transcript.lastCommitted().seq()).isEqualTo(1);
    }

    @Test
    void shouldShowADuplicateWhenTheSameKeyIsAppendedTwice() {
        transcript.append(committed(1));
        transcript.append(committed(1));

        assertThat(transcript.size()).isEqualTo(2);
        assertThat(changes).extracting(TranscriptChange::entryNo).containsExactly(1L, 2L);
    }

    @Test
    void shouldOnlyAdvanceStatusForward() {
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));

        assertThat(transcript.advanceStatus("x", MessageStatus.FAILED)).isTrue();
        assertThat(transcript.advanceStatus("x", MessageStatus.PENDING)).isFalse();
        assertThat(transcript.find("x").status()).isEqualTo(MessageStatus.FAILED);
    }

    @Test
    void shouldStampChangesWithTheSessionTime() {
        transcript.setTime(42);
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));
        transcript.setTime(43);
        transcript.remove("x");

        assertThat(changes).extracting(TranscriptChange::at).containsExactly(42L, 43L);
        assertThat(transcript.size()).isZero();
    }

    @Test
    void shouldRecordAnExplicitMoveToTheEnd() {
        transcript.insertBySeq(committed(1));
        transcript.insertBySeq(committed(2));

        transcript.moveToEnd("r:1");
        transcript.moveToEnd("r:1");

        assertThat(seqs()).containsExactly(2L, 1L);
        assertThat(moves()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToPlaceTheSameSeqTwice() {
        transcript.insertBySeq(committed(1));

        assertThatThrownBy(() -> transcript.insertBySeq(committed(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seq 1 is already placed");
    }

    @Test
    void shouldDumpTheStateHistoryOfEachMessage() {
        TranscriptJournal journal = new TranscriptJournal();
        Transcript journaled = new Transcript("r", journal);
        journaled.setTime(7);
        journaled.append(TranscriptEntry.pending("x", "alice", "hi", null));
        journaled.setTime(9);
        journaled.replace("x", journaled.find("x").withCommit(3, "r:3", MessageStatus.SENT));

        assertThat(journal.historyOf("x")).hasSize(3);
        assertThat(journal.dump()).contains("r#1 r:3 (alice: hi)", "7 inserted after #-1 seq 0 PENDING",
                "9 replaced x -> r:3 seq 3", "9 status PENDING -> SENT");
    }
}
