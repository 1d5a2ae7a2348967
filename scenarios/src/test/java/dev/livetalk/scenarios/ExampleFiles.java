package dev.livetalk.scenarios;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The example scenario files of the tests ({@code src/test/resources/scenarios/}). */
public final class ExampleFiles {
    private ExampleFiles() {
    }

    /** The example file {@code name}. */
    public static Path example(String name) {
        try {
            return Path.of(ExampleFiles.class.getResource("/scenarios/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every valid example. */
    public static List<Path> examples() {
        return List.of(example("baseline.yaml"), example("outage.yaml"), example("asymmetric-latency.yaml"),
                example("sim-message-loss.yaml"), example("server-faults.yaml"));
    }
}
