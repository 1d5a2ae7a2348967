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

    /**
     * Evicted lines of far numbers (a change log not of the reference transcript, which numbers from 1) are
     * still told from lines never shown, each at the cost of an entry: a bit per number up to 2^31 took 256 MiB
     * for one line numbered near it.
     */
    @Test
    void shouldTellEvictedLinesOfFarNumbersWithoutABitForEveryNumberBelow() {
        DisplayOrder order = new DisplayOrder(0, "client x in room r");
        long[] far = {Integer.MAX_VALUE - 1L, DisplayOrder.DENSE_NOS, 1L << 40, -7};
        long after = -1;
        for (int i = 0; i < far.length; i++) {
            order.insert(far[i], committed(i + 1), after, 0);
            after = far[i];
        }
        for (long no : far) {
            order.evict(no);
        }
        order.insert(5, committed(5), -1, 0);
        order.evict(5);

        for (long no : new long[] {Integer.MAX_VALUE - 1L, DisplayOrder.DENSE_NOS, 1L << 40, -7, 5}) {
            assertThatThrownBy(() -> order.entry(no)).as("line #%d", no).hasMessageContaining("was evicted");
            assertThatThrownBy(() -> order.insert(no, committed(9), -1, 1)).hasMessageContaining("inserted twice");
        }
        assertThatThrownBy(() -> order.entry(Integer.MAX_VALUE)).hasMessageContaining("is not displayed");
        assertThat(order.lines().stream().map(PlacedEntry::entryNo).toList())
                .containsExactly(Integer.MAX_VALUE - 1L, DisplayOrder.DENSE_NOS, 1L << 40, -7L, 5L);
    }
}
