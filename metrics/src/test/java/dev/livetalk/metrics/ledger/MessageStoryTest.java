package dev.livetalk.metrics.ledger;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStoryTest {
    private final LedgerIndex index = new LedgerIndex(HandMadeLedger.ledger());

    private MessageStory story() {
        return MessageStory.of(index, index.byKey(HandMadeLedger.KEY));
    }

    @Test
    void shouldTellTheWholeStoryInTimeOrder() throws IOException {
        String text = story().text();

        assertThat(text).isEqualTo(golden("a1.story.txt", text));
    }

    @Test
    void shouldNameTheFaultWindowHittingTheClientOfAStepAndNoOther() {
        List<MessageStory.Step> steps = story().steps();

        assertThat(step(steps, "alice", "transmission 2 of 2 as a1-r").faults()).containsExactly("ack-cut #0");
        assertThat(step(steps, "alice", "transmission 1 of 2 as a1").faults()).isEmpty();
        // bob and dave act inside both windows, which target alice and carol only
        assertThat(step(steps, "bob", "sent a read marker covering it").faults()).isEmpty();
        assertThat(step(steps, "dave", "shown (first line)").faults()).isEmpty();
        assertThat(step(steps, "server", "committed again (copy 2): seq 2, id m2, client message id a1-r").faults())
                .isEmpty();
    }

    @Test
    void shouldNameEveryClientByEveryWindowThatIsServerSideOrTargetsEverybody() {
        FaultRow serverSide = new FaultRow("server-stall", 0, 0, 100, List.of("zoe"), true);
        FaultRow everybody = new FaultRow("latency", 1, 0, 100, List.of(), false);

        assertThat(MessageStory.hits(serverSide, "bob", 50)).isTrue();
        assertThat(MessageStory.hits(everybody, "server", 99)).isTrue();
        assertThat(MessageStory.hits(everybody, "bob", 100)).isFalse();
        assertThat(MessageStory.hits(everybody, "bob", -1)).isFalse();
    }

    @Test
    void shouldTellTheFirstTransmissionOfALedgerWithoutTheTimesOfEach() {
        MessageStory story = MessageStory.of(index, index.byKey("send:bob-1:b1"));

        assertThat(story.steps()).contains(new MessageStory.Step(400_000, "bob", "transmitted (its only transmission)",
                List.of()));
    }

    @Test
    void shouldSortStepsByTimeAndSayWhatNeverHappened() {
        MessageStory story = story();

        assertThat(story.steps()).extracting(MessageStory.Step::atUs).isSorted();
        assertThat(story.never()).containsExactly(
                "carol: never shown, never in its final place, never marked delivered, never marked read, "
                        + "alice never saw its delivered receipt, alice never saw its read receipt",
                "dave: never in its final place, never marked read, alice never saw its read receipt");
        assertThat(story.summary()).contains("carol: LOST (no line in its final transcript), no moves",
                "dave: DUPLICATED (2 lines), first at position 0, 1 move");
    }

    @Test
    void shouldFindAMessageByItsKeyItsServerIdsAndItsClientMessageIds() {
        for (String name : List.of(HandMadeLedger.KEY, "m1", "m2", "a1", "a1-r")) {
            assertThat(index.find(name)).as(name).extracting(MessageRow::key).containsExactly(HandMadeLedger.KEY);
        }
        for (String name : List.of("m3", "b1")) {
            assertThat(index.find(name)).as(name).extracting(MessageRow::key).containsExactly("send:bob-1:b1");
        }
        assertThat(index.find("m9")).isEmpty();
    }

    @Test
    void shouldSuggestUpToThreeNamesCloseToAnUnknownOne() {
        assertThat(index.closeTo("send:alice-1:a2", 3)).containsExactly(HandMadeLedger.KEY);
        assertThat(index.closeTo("m4", 3)).hasSize(3).contains("m1", "m2", "m3");
        assertThat(index.closeTo("completely-different", 3)).isEmpty();
    }

    private static MessageStory.Step step(List<MessageStory.Step> steps, String where, String what) {
        return steps.stream().filter(s -> s.where().equals(where) && s.what().equals(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + what + "' at " + where + " in " + steps));
    }

    private static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("livetalk.golden.update")) {
            Files.writeString(Path.of("src/test/resources/dev/livetalk/metrics/ledger", name), actual,
                    StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = MessageStoryTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name + "; run once with -Dlivetalk.golden.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
