package dev.livetalk.server;

import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeardCommitsTest {

    /**
     * A durable start binds and takes new commits before it has told again what it recovered, so the
     * parent can hear a new commit (seq 6) before the told-again one (seq 5); killed in between, what it
     * heard of the room is not "up to 6" but "up to 4, and 6": the next start must tell 5 again, else
     * a commit on disk is missing from the run's record.
     */
    @Test
    void shouldTellAgainASeqBelowOneHeardAboveAGap() {
        HeardCommits heard = new HeardCommits("e", Map.of("r", 4L), Map.of("r", Set.of(6L)));

        assertThat(heard.heard("e", message("r", 4))).isTrue();
        assertThat(heard.heard("e", message("r", 5))).as("the gap").isFalse();
        assertThat(heard.heard("e", message("r", 6))).isTrue();
        assertThat(heard.heard("e", message("r", 7))).isFalse();
        assertThat(heard.heard("e", message("other", 1))).as("a room with no commit heard of").isFalse();
        assertThat(heard.heard("f", message("r", 1))).as("another epoch").isFalse();
    }

    @Test
    void shouldReadWhatItWrote(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("heard");
        HeardCommits heard = new HeardCommits("e", Map.of("r", 4L, "s", 0L), Map.of("r", Set.of(9L, 6L), "s",
                Set.of(2L)));
        heard.write(file);

        assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder("epoch e", "4 r 6,9", "0 s 2");
        HeardCommits read = HeardCommits.read(file);
        assertThat(read.heads()).isEqualTo(heard.heads());
        assertThat(read.above()).isEqualTo(heard.above());
        assertThat(HeardCommits.read(temp.resolve("none"))).isSameAs(HeardCommits.NONE);
    }

    @Test
    void shouldReadTheFormerFormatOfOneHeadPerRoom(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("heard"), "epoch e\n7 r\n", StandardCharsets.UTF_8);

        HeardCommits read = HeardCommits.read(file);

        assertThat(read.heads()).isEqualTo(Map.of("r", 7L));
        assertThat(read.above()).isEmpty();
    }

    @Test
    void shouldRefuseASeqAboveThatIsNotAboveTheHead(@TempDir Path temp) throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> new HeardCommits("e", Map.of("r", 4L),
                Map.of("r", Set.of(3L)))).withMessageContaining("above");
        Path file = Files.writeString(temp.resolve("heard"), "epoch e\n4 r 5,x\n", StandardCharsets.UTF_8);
        assertThatIllegalArgumentException().isThrownBy(() -> HeardCommits.read(file))
                .withMessageContaining("\"4 r 5,x\"");
    }

    private static Message message(String room, long seq) {
        return new Message(room, seq, room + "-" + seq, "c" + seq, "alice", "body", null, 0);
    }
}
