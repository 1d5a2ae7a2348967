package dev.livetalk.network;

import dev.livetalk.server.HeardCommits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeardSeqsTest {

    @Test
    void shouldHearEachSeqOnceAndKeepOnlyAWatermarkForCommitsInOrder() {
        HeardSeqs heard = new HeardSeqs();
        int retainedEarly = 0;
        for (long seq = 1; seq <= 1_000_000; seq++) {
            assertThat(heard.add("e", "r", seq)).isTrue();
            if (seq == 10) {
                retainedEarly = heard.retained();
            }
        }

        assertThat(heard.retained()).as("after a million commits in order").isEqualTo(retainedEarly).isEqualTo(1);
        assertThat(heard.add("e", "r", 1)).as("told again").isFalse();
        assertThat(heard.add("e", "r", 1_000_000)).isFalse();
        assertThat(heard.add("f", "r", 1)).as("another epoch").isTrue();
        assertThat(heard.of("e")).isEqualTo(new HeardCommits("e", Map.of("r", 1_000_000L), Map.of()));
    }

    /**
     * A durable start binds and takes new commits before it has told again the recovered ones whose
     * lines died with the killed server: new seqs above a gap, then the gap's seqs, then the repeats
     * of seqs heard before the kill; each is heard once, and once the gap is filled only the watermark
     * is left.
     */
    @Test
    void shouldFilterToldAgainCommitsRacingNewOnesExactly() {
        HeardSeqs heard = new HeardSeqs();
        for (long seq = 1; seq <= 4; seq++) {
            heard.add("e", "r", seq);
        }
        assertThat(heard.add("e", "r", 7)).as("new, above the gap").isTrue();
        assertThat(heard.add("e", "r", 6)).isTrue();
        assertThat(heard.of("e")).as("what a kill now writes").isEqualTo(new HeardCommits("e", Map.of("r", 4L),
                Map.of("r", Set.of(6L, 7L))));
        assertThat(heard.add("e", "r", 7)).isFalse();
        assertThat(heard.add("e", "r", 3)).isFalse();
        assertThat(heard.add("e", "r", 5)).as("told again, the gap").isTrue();
        assertThat(heard.add("e", "r", 5)).isFalse();
        assertThat(heard.add("e", "r", 8)).isTrue();
        assertThat(heard.of("e")).isEqualTo(new HeardCommits("e", Map.of("r", 8L), Map.of()));
        assertThat(heard.retained()).isEqualTo(1);
    }

    /**
     * Against a plain set of every (epoch, room, seq), with seeded shuffles: bounded windows of seqs out of
     * order and told again, from two threads at once (the killed server's stdout reader may still run
     * beside the new one's): the same answers, each seq heard exactly once.
     */
    @Test
    void shouldAnswerAsASetOfEverySeqHeard() throws Exception {
        Random random = new Random(20);
        List<String> lines = new ArrayList<>();
        for (String epoch : List.of("e1", "e2")) {
            for (String room : List.of("a", "b", "c")) {
                List<Long> seqs = new ArrayList<>();
                for (long seq = 1; seq <= 20_000; seq++) {
                    seqs.add(seq);
                    if (random.nextInt(10) == 0) {
                        seqs.add(1 + (long) random.nextInt((int) seq)); // told again
                    }
                }
                for (int i = 0; i + 1 < seqs.size(); i++) { // out of order within a few places
                    int j = Math.min(seqs.size() - 1, i + random.nextInt(8));
                    java.util.Collections.swap(seqs, i, j);
                }
                seqs.forEach(seq -> lines.add(epoch + " " + room + " " + seq));
            }
        }
        Set<String> expected = new HashSet<>();
        List<Boolean> expectedAnswers = new ArrayList<>();
        for (String line : lines) {
            expectedAnswers.add(expected.add(line));
        }
        HeardSeqs heard = new HeardSeqs();
        List<Boolean> answers = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            answers.add(heard.add(parts[0], parts[1], Long.parseLong(parts[2])));
        }
        assertThat(answers).isEqualTo(expectedAnswers);
        assertThat(heard.retained()).as("every gap filled: a watermark per epoch and room").isEqualTo(6);

        HeardSeqs shared = new HeardSeqs();
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int reader = 0; reader < 2; reader++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (String line : lines) {
                    String[] parts = line.split(" ");
                    if (shared.add(parts[0], parts[1], Long.parseLong(parts[2]))) {
                        firsts.incrementAndGet();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(firsts.get()).as("each heard once by two readers at once").isEqualTo(expected.size());
    }

    /** A kill before any commit, or of a room with none yet: the next start tells again all it recovered. */
    @Test
    void shouldHoldNothingOfAnEpochOrARoomWithNoCommitHeard() {
        HeardSeqs heard = new HeardSeqs();
        heard.add("e", "r", 1);

        HeardCommits none = heard.of("f");
        assertThat(none).isEqualTo(new HeardCommits("f", Map.of()));
        assertThat(heard.of("e").heads()).doesNotContainKey("s");
        assertThat(heard.of(null)).isSameAs(HeardCommits.NONE);
    }

    @Test
    void shouldRefuseASeqBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HeardSeqs().add("e", "r", 0))
                .withMessageContaining("0");
    }
}
