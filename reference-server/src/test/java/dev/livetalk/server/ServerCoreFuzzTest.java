package dev.livetalk.server;

import dev.livetalk.protocol.ErrorEvent;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static dev.livetalk.server.CoreDriver.events;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCoreFuzzTest {
    private static final long SEED = 42_2026L;
    private static final List<String> VALID = List.of(
            "{\"type\":\"send\",\"room\":\"lobby\",\"clientMsgId\":\"m%d\",\"body\":\"hello\"}",
            "{\"type\":\"history\",\"room\":\"lobby\",\"fromSeq\":1,\"limit\":%d}",
            "{\"type\":\"read\",\"room\":\"lobby\",\"seq\":%d,\"kind\":\"delivered\"}",
            "{\"type\":\"join\",\"room\":\"r%d\"}",
            "{\"type\":\"leave\",\"room\":\"r%d\"}",
            "{\"type\":\"ping\",\"t\":%d}");
    private static final String NOISE = "{}[]\",:\\0123456789-eE.truefalsenull \u00e9\u0000\ud83d";

    @Test
    void shouldAnswerMutatedFramesWithoutThrowingAndKeepTheLogContiguous() {
        System.out.println("fuzz seed " + SEED);
        Random random = new Random(SEED);
        CoreDriver driver = new CoreDriver(ServerConfig.builder(CoreDriver.SECRET)
                .rateLimit(1_000_000, 1_000_000).abuse(1_000_000, Duration.ofSeconds(1)));
        ConnectionId fuzzer = driver.member("fuzzer", "lobby");
        int errors = 0;
        for (int i = 0; i < 5_000; i++) {
            String frame = mutate(String.format(VALID.get(random.nextInt(VALID.size())), i), random);
            List<ServerOutput> out = answer(driver, fuzzer, frame);
            errors += (int) events(out, fuzzer).stream().filter(ErrorEvent.class::isInstance).count();
            driver.advance(Duration.ofMillis(1));
        }

        assertThat(errors).isPositive();
        assertThat(driver.committed).isNotEmpty();
        assertThat(driver.core.connectionCount()).isEqualTo(1);
        assertThat(driver.committed).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, driver.committed.size()).boxed().toList());
    }

    private static List<ServerOutput> answer(CoreDriver driver, ConnectionId fuzzer, String frame) {
        try {
            return driver.json(fuzzer, frame);
        } catch (RuntimeException e) {
            throw new AssertionError("the core threw on frame " + frame, e);
        }
    }

    private static String mutate(String frame, Random random) {
        StringBuilder mutated = new StringBuilder(frame);
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && !mutated.isEmpty(); e++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> mutated.setLength(at);
            }
        }
        return mutated.toString();
    }
}
