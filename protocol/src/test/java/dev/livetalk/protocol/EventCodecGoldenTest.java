package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact JSON of one example frame per event. The frames live in the test resource
 * examples.txt, which is pasted verbatim into docs/PROTOCOL.md; a test checks they agree.
 */
class EventCodecGoldenTest {
    private static final Path DOC = Path.of("..", "docs", "PROTOCOL.md");
    private final EventCodec codec = new EventCodec();

    /** The records the example frames stand for, in the order of examples.txt. */
    private static List<Event> expectedEvents() {
        Map<String, Long> resume = new LinkedHashMap<>();
        resume.put("general", 41L);
        resume.put("ops", 0L);
        Map<String, Long> rooms = new LinkedHashMap<>();
        rooms.put("general", 44L);
        rooms.put("ops", 0L);
        Map<String, ResumeStatus> statuses = new LinkedHashMap<>();
        statuses.put("general", ResumeStatus.RESUMED);
        statuses.put("ops", ResumeStatus.RESUMED);
        return List.of(
                new Hello("alice", UserToken.of("s3cret", "alice"), 1, "e-7f3a", resume),
                new Welcome("s-0001", "e-7f3a", rooms, statuses),
                new Join("random"),
                new Joined("random", 7),
                new Leave("ops"),
                new Send("general", "c-alice-17", "on my way", "m-44"),
                new Ack("general", "c-alice-17", 45, "m-45"),
                new Message("general", 45, "m-45", "c-alice-17", "alice", "on my way", "m-44", 1764412496000L),
                HistoryRequest.range("general", 42, 43),
                HistoryRequest.limited("general", 1, 50),
                new HistoryReply("general", List.of(
                        new Message("general", 42, "m-42", "c-bob-3", "bob", "hi", null, 1764412490000L),
                        new Message("general", 43, "m-43", "c-bob-4", "bob", "anyone?", null, 1764412491000L)),
                        45, 1),
                new Read("general", 45, ReceiptKind.READ),
                new Read("general", 45, ReceiptKind.DELIVERED),
                new Receipt("general", "bob", ReceiptKind.READ, 45),
                new Ping(1764412496123L),
                new Pong(1764412496123L),
                new Ping(88001),
                new Pong(88001),
                new ErrorEvent(ErrorCode.NOT_MEMBER, "room must be joined first: ops", "c-alice-18"));
    }

    @Test
    void shouldEncodeEveryEventToExactlyItsExampleFrame() {
        List<ExampleFrames.Example> examples = ExampleFrames.all();
        List<Event> events = expectedEvents();
        assertThat(examples).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(codec.encode(events.get(i))).as("example %d", i + 1).isEqualTo(examples.get(i).frame());
        }
    }

    @Test
    void shouldDecodeEveryExampleFrameToItsEventFromItsSender() {
        List<ExampleFrames.Example> examples = ExampleFrames.all();
        List<Event> events = expectedEvents();
        assertThat(examples).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            ExampleFrames.Example example = examples.get(i);
            assertThat(example.sender().decode(codec, example.frame())).as("%s", example)
                    .isEqualTo(new Decoded.Ok<>(events.get(i)));
            assertThat(example.sender().decodeBytes(codec, example.frame())).as("bytes of %s", example)
                    .isEqualTo(new Decoded.Ok<>(events.get(i)));
        }
    }

    @Test
    void shouldCoverEveryEventTypeInBothDirectionsWhereItExists() {
        List<String> covered = ExampleFrames.all().stream()
                .map(e -> e.sender().arrow() + " " + eventOf(e).getClass().getSimpleName())
                .toList();
        assertThat(covered).containsExactlyInAnyOrder(
                "c->s Hello", "s->c Welcome", "c->s Join", "s->c Joined", "c->s Leave",
                "c->s Send", "s->c Ack", "s->c Message", "c->s HistoryRequest",
                "c->s HistoryRequest", "s->c HistoryReply", "c->s Read", "c->s Read",
                "s->c Receipt", "c->s Ping", "s->c Pong", "s->c Ping", "c->s Pong",
                "s->c ErrorEvent");
    }

    private Event eventOf(ExampleFrames.Example example) {
        Decoded<? extends Event> decoded = example.sender().decode(codec, example.frame());
        assertThat(decoded).as("%s", example).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<? extends Event>) decoded).event();
    }

    @Test
    void shouldShowTheExampleFramesVerbatimInProtocolDoc() throws IOException {
        assertThat(DOC).as("docs/PROTOCOL.md next to the protocol module").exists();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(doc).as("docs/PROTOCOL.md must contain src/test/resources/.../%s verbatim",
                ExampleFrames.RESOURCE).contains("```\n" + ExampleFrames.text() + "```\n");
    }

    @Test
    void shouldListEveryErrorCodeInProtocolDocWithWhetherItCloses() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ErrorCode code : ErrorCode.values()) {
            String row = "| `" + code.wireName() + "` | " + (code.closesConnection() ? "**yes**" : "no") + " |";
            assertThat(doc).as("docs/PROTOCOL.md error code row of %s", code).contains(row);
        }
    }
}
