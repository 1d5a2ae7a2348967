package dev.livetalk.run;

import dev.livetalk.scenarios.Load;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send's number and the body made from it hold for as long a plan as a valid scenario can
 * have: the most load ({@link Load#MAX_TOTAL_RATE}) has no limit on its duration.
 */
class PlannedSendTest {
    @Test
    void shouldNumberTheSendsOfAValidSevenHourSoakAtTheMostLoadWithoutRepeatingABody() throws Exception {
        Scenario soak = ScenarioLoader.parse("soak.yaml", """
                name: soak
                seed: 1
                duration: 7h
                warmup: 0s
                users: {count: 1000, prefix: user}
                rooms: {count: 100, prefix: room}
                load:
                  rate: 100
                  arrival: constant
                """, LoaderOptions.DEFAULTS);
        long planned = (long) (soak.load().totalRate(1000) * soak.duration().toSeconds());
        assertThat(planned).as("the soak's sends").isEqualTo(2_520_000_000L).isGreaterThan(Integer.MAX_VALUE);

        PlannedSend last = new PlannedSend(planned - 1, 0, "user-1", "room-1", false);
        PlannedSend first = new PlannedSend(planned - 1 - (1L << 32), 0, "user-1", "room-1", false);

        assertThat(last.index()).isEqualTo(2_519_999_999L);
        assertThat(last.body()).isEqualTo("user-1 #2519999999").isNotEqualTo(first.body());
    }
}
