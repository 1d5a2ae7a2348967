package dev.livetalk.reports;

import dev.livetalk.metrics.results.ResultsDocument;
import dev.livetalk.metrics.results.RoomResult;
import dev.livetalk.metrics.results.StrategyResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTableTest {
    private static ScenarioSection.SeedRun run(int rooms) {
        ResultsDocument outage = RunFolder.read(Fixtures.resultsFiles().get(2)).document();
        ResultsDocument changed = Fixtures.with(outage, outage.seed(), s -> Fixtures.withRooms(s, rooms));
        return new ScenarioSection.SeedRun(changed, changed.strategies().stream()
                .map(s -> Fixtures.suite().resolve("outage")).toList());
    }

    private static StrategyResult strategy(ScenarioSection.SeedRun run, String name) {
        return run.document().strategy(name);
    }

    @Test
    void shouldOrderRoomsByErrorsThenPeerFinalP99ThenName() {
        // errors: room8 8, room4 4, room9, room6 and room3 1 each, the rest 0; p99 10 ms x i breaks ties
        List<String> order = ConversationTable.worstFirst(strategy(run(9), "reconcile")).stream()
                .map(RoomResult::room).toList();
        assertThat(order).containsExactly("room8", "room4", "room9", "room6", "room3", "room7", "room5", "room2",
                "room1");
    }

    @Test
    void shouldRankANeverP99AboveEveryFiniteOneAmongRoomsWithoutErrors() {
        List<String> order = ConversationTable.worstFirst(strategy(run(9), "event-only")).stream()
                .map(RoomResult::room).toList();
        assertThat(order).containsExactly("room8", "room4", "room9", "room6", "room3", "room2", "room7", "room5",
                "room1");
    }

    @Test
    void shouldShowTheWorstRoomsFirstAndSayHowManyAreHidden() {
        StringBuilder h = new StringBuilder();
        ConversationTable.of(run(ConversationTable.ROWS + 4), h);
        String html = h.toString();
        assertThat(html).contains("<tr><td>reconcile</td><td>room24</td><td class=\"num\">24</td>"
                + "<td class=\"num bad\">23 (95.8%)</td><td class=\"num bad\">24</td>")
                .contains("<td>event-only</td><td>room2</td>")
                .contains("reconcile: 4 more rooms hidden")
                .contains("<td class=\"num bad\">never</td><td class=\"num bad\">5</td></tr>");
        assertThat(html.indexOf("<td>reconcile</td><td>room24</td>")).isLessThan(
                html.indexOf("<td>reconcile</td><td>room20</td>"));
        assertThat(html).doesNotContain("<td>reconcile</td><td>room1</td>"); // no errors and the lowest p99
    }

    @Test
    void shouldDrawPeerFinalP99OfTheWorstRoomsOnly() {
        assertThat(ConversationChart.rooms(run(30))).hasSize(ConversationChart.ROOMS).startsWith("room28", "room24");
        assertThat(ConversationChart.of(run(3))).isNotNull();
    }
}
