package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.ToxicSpec;
import dev.livetalk.protocol.Direction;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which toxics go on which proxies: the links are the layout's (a proxy is numbered by the
 * user's place in the scenario; a user in no room has no client and so no links), a server-side
 * window is on every link, a direction of both is one toxic each way, and down and stall are
 * one toxic whatever the direction.
 */
class FaultTranslationTest {
    private static Scenario scenario(String shape, String fault) {
        return RealNetwork.scenario("""
                name: translation
                seed: 1
                duration: 4s
                client-shape: %s
                users: [ann, dan, ben]
                rooms:
                  - name: lobby
                    members: [ann, ben]
                load:
                  rate: 1
                faults:
                %s
                """.formatted(shape, fault.indent(2)));
    }

    private static List<FaultTranslation.Placement> translate(Scenario scenario) {
        FaultWindow window = FaultSchedule.resolve(scenario, 1).windows().get(0);
        return FaultTranslation.of(window, ClientLayout.of(scenario));
    }

    @Test
    void shouldPutOneToxicEachWayOnTheSelectedLinkOfTheTargetedClient() {
        List<FaultTranslation.Placement> placements = translate(scenario("split", """
                - type: latency
                  latency: 80ms
                  at: 1s
                  for: 1s
                  target: {client: ben, link: send}
                """));
        Set<LinkId> bensSend = Set.of(new LinkId(2, LinkRole.SEND));
        assertThat(placements).containsExactly(
                new FaultTranslation.Placement(new ToxicSpec.Latency(Duration.ofMillis(80), Duration.ZERO,
                        Direction.UPSTREAM), bensSend),
                new FaultTranslation.Placement(new ToxicSpec.Latency(Duration.ofMillis(80), Duration.ZERO,
                        Direction.DOWNSTREAM), bensSend));
    }

    @Test
    void shouldPutAServerSideWindowOnEveryLinkOfEveryClient() {
        List<FaultTranslation.Placement> placements = translate(scenario("split", """
                - type: reset-peer
                  direction: downstream
                  at: 1s
                  for: 1s
                  target: server
                """));
        assertThat(placements).hasSize(1);
        assertThat(placements.get(0).spec()).isEqualTo(new ToxicSpec.ResetPeer(Duration.ZERO, Direction.DOWNSTREAM));
        assertThat(placements.get(0).links()).containsExactlyInAnyOrder(new LinkId(0, LinkRole.SEND),
                new LinkId(0, LinkRole.RECEIVE), new LinkId(2, LinkRole.SEND), new LinkId(2, LinkRole.RECEIVE));
    }

    @Test
    void shouldNeverPlaceAServerFaultAsAToxic() {
        for (String fault : List.of("type: restart\n  durable: false", "type: pause", "type: slow-commit\n  delay: 20ms")) {
            Scenario scenario = scenario("single", "- " + fault + "\n  at: 1s\n  for: 1s\n");
            assertThatIllegalArgumentException().as(fault).isThrownBy(() -> translate(scenario))
                    .withMessageEndingWith("acts on the server process, never as a toxic");
        }
    }

    @Test
    void shouldRunTheServerAsItsOwnProcessOnlyForAPlanWithServerFaults() {
        List<FaultWindow> restart = FaultSchedule.resolve(scenario("single", """
                - type: restart
                  durable: true
                  at: 1s
                  for: 1s
                """), 1).windows();
        List<FaultWindow> latency = FaultSchedule.resolve(scenario("single", """
                - type: latency
                  latency: 80ms
                  at: 1s
                  for: 1s
                  target: all
                """), 1).windows();

        assertThat(ServerFaults.anyIn(restart)).isTrue();
        assertThat(ServerFaults.durableIn(restart)).isTrue();
        assertThat(ServerFaults.anyIn(latency)).isFalse();
        assertThat(ServerFaults.durableIn(latency)).isFalse();
    }

    @Test
    void shouldPlayAnOutageAsOneToxicOnTheClientsMainLink() {
        List<FaultTranslation.Placement> placements = translate(scenario("single", """
                - type: down
                  at: 1s
                  for: 1s
                  target: all
                """));
        assertThat(placements).containsExactly(new FaultTranslation.Placement(new ToxicSpec.Down(),
                Set.of(new LinkId(0, LinkRole.MAIN), new LinkId(2, LinkRole.MAIN))));
    }

    @Test
    void shouldPutNothingOnAUserInNoRoom() {
        List<FaultTranslation.Placement> placements = translate(scenario("single", """
                - type: stall
                  at: 1s
                  for: 1s
                  target: {client: dan}
                """));
        assertThat(placements).singleElement().satisfies(p -> assertThat(p.links()).isEmpty());
    }
}
