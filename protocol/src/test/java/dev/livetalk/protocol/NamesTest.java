package dev.livetalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamesTest {
    /** The rules as docs/PROTOCOL.md states them; the code checks them with a loop. */
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final String ALPHABET = "aZ09._-@ /é\u0000:+";

    @Test
    void shouldAcceptExactlyWhatTheDocumentedPatternsAccept() {
        long seed = 64L;
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(3) == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            for (int c = 0; c < length; c++) {
                name.append(random.nextInt(10) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : ALPHABET.charAt(random.nextInt(7)));
            }
            String value = name.toString();
            assertThat(accepts(() -> Names.room("room", value))).as("seed %d room %s", seed, value)
                    .isEqualTo(ROOM.matcher(value).matches());
            assertThat(accepts(() -> Names.user("user", value))).as("seed %d user %s", seed, value)
                    .isEqualTo(USER.matcher(value).matches());
        }
    }

    @Test
    void shouldNameTheRuleAndTheValueOnRejection() {
        assertThatThrownBy(() -> Names.room("room", "a@b"))
                .hasMessage("room must be 1-64 of [A-Za-z0-9._-]: \"a@b\"");
        assertThat(Names.user("user", "a@b")).isEqualTo("a@b");
        assertThat(Names.room("room", "r".repeat(64))).hasSize(64);
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
