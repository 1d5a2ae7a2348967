package dev.livetalk.metrics.trace;

import dev.livetalk.metrics.TraceFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trace's clients are told apart by their ids: a trace that lists one twice is refused, naming it. */
class RunTraceTest {

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
