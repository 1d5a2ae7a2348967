package dev.livetalk.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example frames of docs/PROTOCOL.md, one per line as {@code c->s JSON} or
 * {@code s->c JSON}, read from the test resource {@code examples.txt}. Test thread only.
 */
final class ExampleFrames {
    static final String RESOURCE = "examples.txt";

    /** One example: who sends it and the exact frame. */
    record Example(Sender sender, String frame) {
        @Override
        public String toString() {
            return sender.arrow() + " " + frame;
        }
    }

    private ExampleFrames() {
    }

    /** The resource file's text, exactly as it is pasted into docs/PROTOCOL.md. */
    static String text() {
        try (InputStream in = ExampleFrames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Example> all() {
        List<Example> examples = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            examples.add(new Example(Sender.byArrow(line.substring(0, space)), line.substring(space + 1)));
        }
        return examples;
    }
}
