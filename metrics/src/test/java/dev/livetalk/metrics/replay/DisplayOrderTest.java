package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DisplayOrderTest {
    private static TranscriptEntry committed(long seq) {
        return TranscriptEntry.committed(new Message("r", seq, "r:" + seq, "c" + seq, "bob", "b" + seq, null, 0),
                MessageStatus.SENT);
    }

    /**
     * A change log that moves a line after itself is refused, naming the line, and leaves the lines as they
     * were: it linked the line to itself, out of the list, and a counted line then looped for ever looking for
     * the counted line before it (the timeout only turns that hang into a failure).
     */
    @Test
    void shouldRefuseAMoveOfALineAfterItself() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            DisplayOrder order = new DisplayOrder(0, "client x in room r");
            order.insert(1, committed(1), -1, 0);
            order.insert(2, committed(2), 1, 0);
            order.insert(3, TranscriptEntry.pending("c9", "bob", "b9", null), 2, 0);

            assertThatThrownBy(() -> order.move(2, committed(2), 2, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the change log of client x in room r moves line #2 after itself");
            assertThatThrownBy(() -> order.move(3, order.entry(3), 3, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line #3 after itself");

            assertThat(order.isPrefix()).isTrue();
            assertThat(order.pending()).isEqualTo(1);
            assertThat(order.lines().stream().map(PlacedEntry::entryNo).toList()).containsExactly(1L, 2L, 3L);
        });
    }
}
