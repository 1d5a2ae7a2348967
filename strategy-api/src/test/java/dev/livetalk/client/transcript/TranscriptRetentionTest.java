package dev.livetalk.client.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livetalk.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptRetentionTest {
    private final List<TranscriptChange> changes = new ArrayList<>();

    private static TranscriptEntry committed(long seq) {
        return TranscriptEntry.committed(new Message("r", seq, "r:" + seq, "c" + seq, "bob", "m" + seq, null, 0),
                MessageStatus.SENT);
    }

    private static List<Long> seqs(Transcript transcript) {
        return transcript.entries().stream().map(TranscriptEntry::seq).toList();
    }

    private List<TranscriptChange.Evicted> evictions() {
        return changes.stream().filter(c -> c instanceof TranscriptChange.Evicted)
                .map(c -> (TranscriptChange.Evicted) c).toList();
    }

    private List<String> inserted() {
        return changes.stream().filter(c -> c instanceof TranscriptChange.Inserted)
                .map(c -> ((TranscriptChange.Inserted) c).entry().key()).toList();
    }

    @Test
    void shouldEvictFromTheTopInDisplayOrderOnceOverTheLimit() {
        Transcript transcript = new Transcript("r", changes::add, 3);
        for (long seq : new long[] {2, 1, 4, 3, 5}) {
            transcript.insertBySeq(committed(seq));
        }

        assertThat(seqs(transcript)).containsExactly(3L, 4L, 5L);
        assertThat(evictions()).extracting(c -> c.entry().seq()).containsExactly(1L, 2L);
        assertThat(evictions()).allSatisfy(c -> assertThat(c.room()).isEqualTo("r"));
        assertThat(transcript.contains("r:1")).isFalse();
        assertThat(transcript.find("r:2")).isNull();
        assertThat(transcript.evicted()).isEqualTo(2);
        assertThat(transcript.floor()).isEqualTo(2);
    }

    @Test
    void shouldNameTheEvictedLineByItsEntryNumber() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.insertBySeq(committed(1));
        long firstNo = changes.get(0).entryNo();

        transcript.insertBySeq(committed(2));

        assertThat(changes.get(changes.size() - 1)).isInstanceOfSatisfying(TranscriptChange.Evicted.class,
                c -> assertThat(c.entryNo()).isEqualTo(firstNo));
    }

    @Test
    void shouldNeverEvictAPendingLineAndStopThere() {
        Transcript transcript = new Transcript("r", changes::add, 2);
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));
        for (long seq = 1; seq <= 4; seq++) {
            transcript.append(committed(seq));
        }

        assertThat(transcript.size()).isEqualTo(5);
        assertThat(evictions()).isEmpty();
        assertThat(transcript.entries().get(0).key()).isEqualTo("x");

        transcript.replace("x", transcript.find("x").withCommit(5, "r:5", MessageStatus.SENT));

        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("r:3", "r:4");
        assertThat(evictions()).extracting(c -> c.entry().key()).containsExactly("r:5", "r:1", "r:2");
    }

    @Test
    void shouldNeverEvictAFailedLine() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.append(TranscriptEntry.pending("x", "alice", "hi", null));
        transcript.advanceStatus("x", MessageStatus.FAILED);
        transcript.append(committed(1));
        transcript.append(committed(2));

        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("x", "r:1", "r:2");
        assertThat(evictions()).isEmpty();
    }

    @Test
    void shouldNotShowAgainASeqPlacedMessageAtOrBelowTheFloor() {
        Transcript transcript = new Transcript("r", changes::add, 2);
        for (long seq = 1; seq <= 5; seq++) {
            transcript.insertBySeq(committed(seq));
        }
        int before = changes.size();

        transcript.insertBySeq(committed(2)); // a resume or snapshot delivers it again

        assertThat(changes).hasSize(before);
        assertThat(transcript.contains("r:2")).isFalse();
        assertThat(seqs(transcript)).containsExactly(4L, 5L);
        transcript.insertBySeq(committed(6));
        assertThat(seqs(transcript)).containsExactly(5L, 6L);
    }

    /** The sender's line, acked (committed, left where it was put), before its broadcast. */
    private static void sendAndAck(Transcript transcript, long seq) {
        transcript.append(TranscriptEntry.pending("c" + seq, "bob", "m" + seq, null));
        transcript.replace("c" + seq, transcript.find("c" + seq).withCommit(seq, "r:" + seq, MessageStatus.SENT));
    }

    @Test
    void shouldNotShowAgainAnOwnMessageWhoseLineScrolledAwayBeforeItsBroadcast() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.insertBySeq(committed(1));
        sendAndAck(transcript, 2);
        transcript.append(TranscriptEntry.pending("c3", "bob", "m3", null)); // scrolls the acked line away
        assertThat(evictions()).extracting(c -> c.entry().key()).containsExactly("r:1", "r:2");
        int before = changes.size();

        transcript.insertBySeq(committed(2)); // its broadcast arrives

        assertThat(changes).hasSize(before);
        assertThat(transcript.contains("r:2")).isFalse();
        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("c3");
    }

    @Test
    void shouldStillShowAMessageBelowAnOwnLineThatScrolledAwayWhenItWasNeverShown() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.insertBySeq(committed(1));
        sendAndAck(transcript, 5);
        transcript.append(TranscriptEntry.pending("c6", "bob", "m6", null));

        transcript.insertBySeq(committed(3)); // a gap below it is filled

        assertThat(inserted()).contains("r:3"); // shown, then scrolled away over the pending line
    }

    @Test
    void shouldForgetTheOwnLinesThatScrolledAwayOnceTheFloorCoversThem() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        sendAndAck(transcript, 1);
        sendAndAck(transcript, 2);
        assertThat(transcript.scrolledAwayRemembered()).isEqualTo(1);

        transcript.insertBySeq(committed(3));
        transcript.insertBySeq(committed(4));

        assertThat(transcript.floor()).isGreaterThanOrEqualTo(2);
        assertThat(transcript.scrolledAwayRemembered()).isZero();
    }

    /**
     * Many more own lines than the window scroll away before the first broadcast comes (a busy
     * room whose broadcasts are held back): none of them is shown again, nor when a snapshot
     * delivers them once more, where keeping only the limit's number of seqs showed all but one.
     */
    @Test
    void shouldNotShowAgainOwnMessagesThatScrolledAwayPastTheLimitBeforeTheirBroadcasts() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        for (long seq = 1; seq <= 50; seq++) {
            sendAndAck(transcript, seq);
        }
        transcript.append(TranscriptEntry.pending("c51", "bob", "m51", null));
        assertThat(transcript.evicted()).isEqualTo(50);
        int before = changes.size();

        for (int delivery = 0; delivery < 2; delivery++) { // the broadcasts, then a snapshot
            for (long seq = 1; seq <= 50; seq++) {
                transcript.insertBySeq(committed(seq));
            }
        }

        assertThat(changes).hasSize(before);
        assertThat(transcript.entries()).extracting(TranscriptEntry::key).containsExactly("c51");
    }

    /** An arrival-order client's broadcasts, appended committed: no seq place will come for them. */
    @Test
    void shouldNotRememberLinesAppendedCommitted() {
        Transcript transcript = new Transcript("r", changes::add, 3);
        for (long seq = 1; seq <= 1_000; seq++) {
            transcript.append(committed(seq));
        }

        assertThat(transcript.evicted()).isEqualTo(997);
        assertThat(transcript.scrolledAwayRemembered()).isZero();
    }

    /**
     * An arrival-order client's own lines, acked in place, are never placed by seq and the floor
     * never rises: the transcript remembers the highest of them up to its bound, not one a line
     * for the whole run; the oldest forgotten one shows again if a placement by seq comes.
     */
    @Test
    void shouldRememberAtMostItsBoundOfOwnLinesWhateverTheLimit() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        long sends = 3L * Transcript.SCROLLED_AWAY_REMEMBERED;
        for (long seq = 1; seq <= sends; seq++) {
            sendAndAck(transcript, seq);
        }
        transcript.append(TranscriptEntry.pending("last", "bob", "m", null));

        assertThat(transcript.evicted()).isEqualTo(sends);
        assertThat(transcript.scrolledAwayRemembered()).isEqualTo(Transcript.SCROLLED_AWAY_REMEMBERED);
        transcript.insertBySeq(committed(sends - Transcript.SCROLLED_AWAY_REMEMBERED + 1));
        assertThat(inserted()).doesNotContain("r:" + (sends - Transcript.SCROLLED_AWAY_REMEMBERED + 1));
        transcript.insertBySeq(committed(sends - Transcript.SCROLLED_AWAY_REMEMBERED));
        assertThat(inserted()).contains("r:" + (sends - Transcript.SCROLLED_AWAY_REMEMBERED));
    }

    @Test
    void shouldShowAnOwnMessageAgainInANewSeqSpace() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        sendAndAck(transcript, 1);
        transcript.append(TranscriptEntry.pending("c2", "bob", "m2", null));

        transcript.forgetFloor(); // the server's epoch changed: seq 1 is another message
        transcript.insertBySeq(committed(1));

        assertThat(inserted()).containsExactly("c1", "c2", "r:1");
    }

    @Test
    void shouldStillAppendAnEvictedMessageInArrivalOrder() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.append(committed(1));
        transcript.append(committed(2));

        transcript.append(committed(1));

        assertThat(seqs(transcript)).containsExactly(1L);
        assertThat(transcript.floor()).isZero(); // arrival-order lines set no floor
    }

    @Test
    void shouldForgetTheFloorWhenTheSeqSpaceChanges() {
        Transcript transcript = new Transcript("r", changes::add, 1);
        transcript.insertBySeq(committed(1));
        transcript.insertBySeq(committed(2));
        transcript.remove("r:2");

        transcript.forgetFloor();
        transcript.insertBySeq(committed(1));

        assertThat(transcript.contains("r:1")).isTrue();
    }

    @Test
    void shouldKeepEveryLineWithoutALimit() {
        Transcript transcript = new Transcript("r", changes::add);
        for (long seq = 1; seq <= 1_000; seq++) {
            transcript.insertBySeq(committed(seq));
        }

        assertThat(transcript.size()).isEqualTo(1_000);
        assertThat(transcript.limit()).isEqualTo(Transcript.NO_LIMIT);
        assertThat(evictions()).isEmpty();
    }

    @Test
    void shouldRefuseANegativeLimitNamingIt() {
        assertThatThrownBy(() -> new Transcript("r", changes::add, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5").hasMessageContaining(">= 1");
    }

    /**
     * 200,000 lines in order through a window of 1,000: the seq index copies a bounded number
     * of slots per line (slides of the live range, each paid for by evictions), where shifting
     * the array on every eviction would copy about 1,000 per line (2 * 10^8 in all).
     */
    @Test
    void shouldEvictInConstantAmortizedCost() {
        Transcript transcript = new Transcript("r", change -> { }, 1_000);
        for (long seq = 1; seq <= 200_000; seq++) {
            transcript.insertBySeq(committed(seq));
        }
        long firstHalf = copiesAfter(100_000);

        assertThat(transcript.size()).isEqualTo(1_000);
        assertThat(transcript.evicted()).isEqualTo(199_000);
        assertThat(transcript.seqIndexCopies()).isLessThanOrEqualTo(2L * 200_000);
        assertThat(transcript.seqIndexCopies()).isLessThanOrEqualTo(2 * firstHalf + 4_096); // flat: linear in lines
    }

    private static long copiesAfter(int lines) {
        Transcript transcript = new Transcript("r", change -> { }, 1_000);
        for (long seq = 1; seq <= lines; seq++) {
            transcript.insertBySeq(committed(seq));
        }
        return transcript.seqIndexCopies();
    }
}
