package dev.livetalk.metrics.trace;

import dev.livetalk.metrics.TraceFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trace's clients are told apart by their ids: a trace that lists one twice is refused, naming it. A client's
 * rooms keep the order it joined them in, in its trace, its slices and the run's context (they were a hash
 * table's copy, whose order changed from one JVM to the next).
 */
class RunTraceTest {
    private static final List<String> JOINS = List.of("room7", "room2", "room5", "room0", "room6", "room1", "room4",
            "room3");

    @Test
    void shouldKeepAClientsRoomsInTheOrderItJoinedThem() {
        TraceFixture run = new TraceFixture("test");
        TraceFixture.Client alice = run.client("alice");
        JOINS.forEach(room -> alice.join(room, 0));
        RunTrace trace = run.build();
        ClientTrace client = trace.clients().get(0);

        assertThat(List.copyOf(client.joinedAt().keySet())).isEqualTo(JOINS);
        assertThat(RunContext.roomsOf(client)).isEqualTo(JOINS);
        assertThat(RunContext.of(trace).roomsByClient().get(client.clientId())).isEqualTo(JOINS);
        assertThat(List.copyOf(client.withChanges(List.of()).joinedAt().keySet())).isEqualTo(JOINS);
        assertThatThrownBy(() -> new ClientTrace("c", "u", java.util.Collections.singletonMap("room1", null), List.of(),
                List.of(), java.util.Map.of(), List.of(), List.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("the head seq of a join");
    }

    @Test
    void shouldRefuseAClientListedTwice() {
        TraceFixture run = new TraceFixture("test");
        run.client("bob").join("lobby", 0);
        run.client("alice").join("lobby", 0);
        RunTrace trace = run.build();
        List<ClientTrace> twice = new ArrayList<>(trace.clients());
        twice.add(trace.clients().get(0));

        assertThatThrownBy(() -> trace.withClients(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client bob-1 is listed twice").hasMessageContaining("unique");
    }
}
