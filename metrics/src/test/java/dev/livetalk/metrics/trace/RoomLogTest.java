package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's entitled part of a room's log: the messages above its head, in seq order, as a view of the log. */
class RoomLogTest {

    private static CommittedMessage commit(long seq) {
        return new CommittedMessage(new Message("lobby", seq, "lobby:" + seq, "c" + seq, "bob", "hi", null, 0), seq, null);
    }

    @Test
    void shouldGiveTheMessagesAboveAHeadInSeqOrder() {
        RoomLog log = new RoomLog("lobby", List.of(commit(4), commit(1), commit(2), commit(7), commit(5)));

        assertThat(log.after(0)).extracting(CommittedMessage::seq).containsExactly(1L, 2L, 4L, 5L, 7L);
        assertThat(log.after(2)).extracting(CommittedMessage::seq).containsExactly(4L, 5L, 7L);
        assertThat(log.after(3)).extracting(CommittedMessage::seq).containsExactly(4L, 5L, 7L);
        assertThat(log.after(6)).extracting(CommittedMessage::seq).containsExactly(7L);
        assertThat(log.after(7)).isEmpty();
        assertThat(log.after(-1)).isEqualTo(log.messages());
        assertThat(new RoomLog("lobby", List.of()).after(0)).isEmpty();
    }
}
