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
        }
        assertThat(transcript.size()).isGreaterThan(10);
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

    private static long[] seqsOf(Transcript transcript) {
        return transcript.entries().stream().mapToLong(TranscriptEntry::seq).toArray();
    }

    private static Message message(long seq) {
        return new Message("lobby", seq, "lobby:" + seq, "c" + seq, "someone", "body " + seq, null, 0);
    }
}
