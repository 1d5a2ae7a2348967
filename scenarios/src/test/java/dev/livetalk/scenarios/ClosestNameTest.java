package dev.livetalk.scenarios;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestNameTest {
    private static final List<String> IDS = List.of("room1:5", "room1:50", "room1:55", "room2:5", "room1:500",
            "send:user1:abd50382-1");

    @Test
    void shouldGiveUpToTheLimitClosestFirst() {
        assertThat(ClosestName.closest("room1:6", IDS, 3)).containsExactly("room1:5", "room1:50", "room1:55");
        assertThat(ClosestName.closest("room1:6", IDS, 1)).containsExactly("room1:5");
    }

    @Test
    void shouldGiveNothingFarAway() {
        assertThat(ClosestName.closest("lobby:9", IDS, 3)).isEmpty();
    }

    @Test
    void shouldGiveALongNameSharingAllButItsLastCharacters() {
        assertThat(ClosestName.closest("send:user1:abd50382-177", IDS, 3)).containsExactly("send:user1:abd50382-1");
    }
}
