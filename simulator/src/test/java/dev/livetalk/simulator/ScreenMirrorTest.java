package dev.livetalk.simulator;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenMirrorTest {

    @Test
    void shouldFollowEveryKindOfTranscriptChange() {
        long seed = 11;
        SplittableRandom random = new SplittableRandom(seed);
        ScreenMirror mirror = new ScreenMirror();
        Transcript transcript = new Transcript("lobby", mirror::apply);
        for (int i = 0; i < 2_000; i++) {
            long seq = 1 + random.nextInt(300);
            String id = "lobby:" + seq;
            switch (random.nextInt(5)) {
                case 0 -> transcript.append(TranscriptEntry.pending("p" + i, "me", "b", null));
                case 1 -> {
                    if (!transcript.contains(id)) {
                        transcript.insertBySeq(TranscriptEntry.committed(message(seq), MessageStatus.SENT));
                    }
                }
                case 2 -> transcript.append(TranscriptEntry.committed(message(seq + 1000), MessageStatus.SENT));
                case 3 -> transcript.remove(random.nextBoolean() ? id : "lobby:" + (seq + 1000));
                default -> {
                    if (transcript.contains(id)) {
                        transcript.moveToEnd(id);
                    }
                }
            }
            assertThat(mirror.seqs()).containsExactly(seqsOf(transcript));
            if (random.nextInt(3) == 0) {   // reads between changes: the resumed scan must equal a full one
                assertThat(mirror.contiguousSeq()).as("seed %d step %d", seed, i).isEqualTo(contiguous(seqsOf(transcript)));
            }
        }
        assertThat(transcript.size()).isGreaterThan(10);
    }

    /**
     * A chat-like history: seqs arrive mostly in order, some late (a gap that fills), some lines
     * removed or moved to the end, pending echoes appended; every read must equal a full scan,
     * whichever lines above the last read point changed.
     */
    @Test
    void shouldReadLikeAFullScanWhileLinesArriveMostlyInOrder() {
        long seed = 29;
        SplittableRandom random = new SplittableRandom(seed);
        ScreenMirror mirror = new ScreenMirror();
        Transcript transcript = new Transcript("lobby", mirror::apply);
        java.util.List<Long> late = new java.util.ArrayList<>();
        long next = 1;
        for (int i = 0; i < 5_000; i++) {
            int op = random.nextInt(20);
            if (op < 12) {
                long seq = next++;
                if (random.nextInt(8) == 0) {
                    late.add(seq);   // a gap, filled later
                } else {
                    transcript.insertBySeq(TranscriptEntry.committed(message(seq), MessageStatus.SENT));
                }
            } else if (op < 15 && !late.isEmpty()) {
                long seq = late.remove(random.nextInt(late.size()));
                transcript.insertBySeq(TranscriptEntry.committed(message(seq), MessageStatus.SENT));
            } else if (op < 17 && next > 1) {
                String id = "lobby:" + (1 + random.nextLong(next - 1));
                if (transcript.contains(id)) {
                    transcript.remove(id);
                }
            } else if (op < 18 && next > 1) {
                String id = "lobby:" + (1 + random.nextLong(next - 1));
                if (transcript.contains(id)) {
                    transcript.moveToEnd(id);
                }
            } else if (op < 19) {
                transcript.append(TranscriptEntry.pending("p" + i, "me", "b", null));
            }
            assertThat(mirror.contiguousSeq()).as("seed %d step %d", seed, i).isEqualTo(contiguous(seqsOf(transcript)));
        }
    }

    @Test
    void shouldReadTheContiguousPrefixInDisplayOrder() {
        ScreenMirror mirror = new ScreenMirror();
        Transcript transcript = new Transcript("lobby", mirror::apply);
        for (long seq : new long[] {1, 2, 3, 5, 4, 6}) {
            transcript.append(TranscriptEntry.committed(message(seq), MessageStatus.SENT));
        }

        assertThat(mirror.contiguousSeq()).isEqualTo(3);
    }

    /** The reading rule, scanned from the top. */
    private static long contiguous(long[] seqs) {
        long expected = 0;
        for (long seq : seqs) {
            if (seq == expected + 1) {
                expected++;
            } else if (seq > expected + 1) {
                break;
            }
        }
        return expected;
    }

    private static long[] seqsOf(Transcript transcript) {
        return transcript.entries().stream().mapToLong(TranscriptEntry::seq).toArray();
    }

    private static Message message(long seq) {
        return new Message("lobby", seq, "lobby:" + seq, "c" + seq, "someone", "body " + seq, null, 0);
    }
}
