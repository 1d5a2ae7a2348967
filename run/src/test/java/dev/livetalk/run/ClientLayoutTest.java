package dev.livetalk.run;

import dev.livetalk.protocol.LinkRole;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientLayoutTest {
    private static Scenario scenario(String shape, String fault) throws ScenarioException {
        return ScenarioLoader.parse("layout.yaml", """
                name: layout
                seed: 7
                duration: 10s
                warmup: 0s
                client-shape: %s
                users: [alice, bob, carol, dave]
                rooms:
                  - name: one
                    members: [alice, bob, dave]
                load:
                  rate: 1
                faults:
                %s
                """.formatted(shape, fault), LoaderOptions.DEFAULTS);
    }

    @Test
    void namesEachClientByItsUserAndGivesAUserInNoRoomNone() throws ScenarioException {
        ClientLayout layout = ClientLayout.of(scenario("single", "  []"));
        assertThat(layout.clients()).extracting(ClientLayout.Client::user).containsExactly("alice", "bob", "dave");
        assertThat(layout.clients()).extracting(ClientLayout.Client::index).containsExactly(0, 1, 3);
        assertThat(layout.roomless()).containsExactly("carol");
        assertThat(layout.linkCount()).isEqualTo(3);
    }

    @Test
    void aSplitClientHasASendAndAReceiveLink() throws ScenarioException {
        ClientLayout layout = ClientLayout.of(scenario("split", "  []"));
        assertThat(layout.clients().get(0).roles()).containsExactly(LinkRole.SEND, LinkRole.RECEIVE);
        assertThat(layout.linkCount()).isEqualTo(6);
    }

    @Test
    void aWindowActsOnTheSelectedLinksOfItsClients() throws ScenarioException {
        Scenario scenario = scenario("split", """
                  - type: latency
                    latency: 100ms
                    at: 1s
                    for: 1s
                    target: {client: bob, link: receive}
                """);
        ClientLayout layout = ClientLayout.of(scenario);
        FaultWindow window = dev.livetalk.scenarios.fault.FaultSchedule.resolve(scenario, 7).windows().get(0);
        assertThat(byUser(layout.targets(window))).isEqualTo(Map.of("bob", List.of(LinkRole.RECEIVE)));
    }

    @Test
    void aWindowOnAllPassesByAUserInNoRoomAndActsOnEveryLinkOfEveryClient() throws ScenarioException {
        Scenario scenario = scenario("split", """
                  - type: down
                    at: 1s
                    for: 1s
                    target: all
                """);
        ClientLayout layout = ClientLayout.of(scenario);
        FaultWindow window = dev.livetalk.scenarios.fault.FaultSchedule.resolve(scenario, 7).windows().get(0);
        Map<String, List<LinkRole>> targets = byUser(layout.targets(window));
        assertThat(targets).containsOnlyKeys("alice", "bob", "dave");
        assertThat(targets.values()).allSatisfy(roles -> assertThat(roles)
                .containsExactly(LinkRole.SEND, LinkRole.RECEIVE));
    }

    @Test
    void aFaultOnTheServerProcessActsOnNoLink() throws ScenarioException {
        Scenario scenario = scenario("split", """
                  - type: restart
                    durable: false
                    at: 1s
                    for: 1s
                """);
        ClientLayout layout = ClientLayout.of(scenario);
        FaultWindow window = dev.livetalk.scenarios.fault.FaultSchedule.resolve(scenario, 7).windows().get(0);
        assertThat(window.serverSide()).isTrue();
        assertThat(layout.targets(window)).isEmpty();
    }

    @Test
    void refusesAWindowOnAUserWhoIsNotInTheScenario() throws ScenarioException {
        FaultWindow window = new FaultWindow("cut", 0, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2),
                new dev.livetalk.scenarios.fault.DownFault(), dev.livetalk.scenarios.fault.DirectionSelector.BOTH,
                List.of("mallory"), dev.livetalk.scenarios.fault.LinkSelector.BOTH, false);
        assertThatThrownBy(() -> ClientLayout.of(scenario("single", "  []")).targets(window))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mallory").hasMessageContaining("not a user");
    }

    private static Map<String, List<LinkRole>> byUser(Map<ClientLayout.Client, List<LinkRole>> targets) {
        return targets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().user(), Map.Entry::getValue));
    }
}
