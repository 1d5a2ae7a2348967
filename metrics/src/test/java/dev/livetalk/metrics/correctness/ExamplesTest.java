package dev.livetalk.metrics.correctness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExamplesTest {
    private static Example lost(String client, String room, long seq) {
        return new Example(ExampleKind.LOST, client, room, seq, "m" + seq, seq);
    }

    @Test
    void shouldKeepTheFirstOfEachKindInTheRunsOrderWhateverOrderTheRoomsAreCheckedIn() {
        Examples examples = new Examples(2);
        examples.at(Examples.FINAL_TRANSCRIPTS, 1, 0); // client 1, its first room, checked first
        examples.offer(lost("c1", "b", 1));
        examples.at(Examples.FINAL_TRANSCRIPTS, 0, 1); // client 0, its second room
        examples.offer(lost("c0", "b", 2));
        examples.offer(lost("c0", "b", 3));
        examples.at(Examples.MARKERS, 0, 5, 0);
        examples.offer(new Example(ExampleKind.UNFOUNDED_READ, "c0", "a", 4, "m4", 5));
        examples.at(Examples.FINAL_TRANSCRIPTS, 0, 0); // client 0, its first room, checked last
        examples.offer(lost("c0", "a", 4));

        assertThat(examples.list()).containsExactly(lost("c0", "a", 4), lost("c0", "b", 2),
                new Example(ExampleKind.UNFOUNDED_READ, "c0", "a", 4, "m4", 5));
    }
}
