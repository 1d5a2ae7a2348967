package dev.livetalk.metrics.replay;

import dev.livetalk.metrics.TraceFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageIndex#byId} with its tables per room: an id is its room's alone (two rooms'
 * first commits share {@code m1.e1}), a lost epoch's id finds its message, and an id or a room
 * it does not know finds none.
 */
class MessageIndexLookupTest {
    @Test
    void shouldFindAnIdInItsOwnRoomOnly() {
        TraceFixture run = new TraceFixture("test");
        run.client("alice").join("lobby", 0).join("side", 0);
        run.epoch("e1");
        run.commit("lobby", "bob", "b1", 1);
        run.commit("side", "bob", "b2", 2);
        run.restart("e2");
        run.commit("lobby", "bob", "b3", 3);
        MessageIndex index = MessageIndex.of(run.build());

        LogicalMessage lost = index.byId("lobby", "m1.e1");
        assertThat(lost).isNotNull();
        assertThat(lost.room()).isEqualTo("lobby");
        assertThat(lost.isLostByServer()).isTrue();
        LogicalMessage side = index.byId("side", "m1.e1");
        assertThat(side).isNotNull().isNotSameAs(lost);
        assertThat(side.room()).isEqualTo("side");
        assertThat(index.byId("lobby", "m1.e2")).isNotNull().satisfies(m -> assertThat(m.isCommitted()).isTrue());
        assertThat(index.byId("side", "m1.e2")).as("lobby's id looked up in side").isNull();
        assertThat(index.byId("lobby", "m9.e1")).as("an unknown id").isNull();
        assertThat(index.byId("nowhere", "m1.e1")).as("an unknown room").isNull();
        assertThat(index.roomSize("nowhere")).isZero();
    }
}
