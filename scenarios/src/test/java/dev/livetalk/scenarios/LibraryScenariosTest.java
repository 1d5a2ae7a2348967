package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.FaultSchedule;
import dev.livetalk.scenarios.fault.FaultWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario library (this module's folder: {@code *.yaml}, {@code sim/}, {@code scale/},
 * {@code soak/}): every file valid, opening with its header comment; and the soak scenario's shape.
 */
class LibraryScenariosTest {
    /** The library: the folder holding {@code outage.yaml}, this module's own (surefire runs in it) or below the root. */
    static Path library() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("outage.yaml")) && Files.isDirectory(dir.resolve("soak"))) {
                return dir;
            }
            if (Files.isRegularFile(dir.resolve("scenarios/outage.yaml"))) {
                return dir.resolve("scenarios");
            }
        }
        throw new IllegalStateException("no scenario library (scenarios/outage.yaml) above " + Path.of("").toAbsolutePath());
    }

    static List<Path> files() throws IOException {
        Path library = library();
        try (Stream<Path> paths = Files.walk(library)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !library.relativize(p).startsWith("src") && !library.relativize(p).startsWith("target"))
                    .sorted().toList();
        }
    }

    @Test
    void shouldFindEveryLibraryFileValidWithItsHeaderComment() throws IOException {
        List<Path> files = files();
        assertThat(files).extracting(p -> library().relativize(p).toString().replace('\\', '/'))
                .contains("outage.yaml", "sim/lossy-downlink.yaml", "scale/200-clients.yaml", "soak/soak-1h.yaml");
        for (Path file : files) {
            assertThat(ScenarioLoader.validate(file)).as(file.toString()).isEmpty();
            String text = Files.readString(file);
            assertThat(text).as(file + ": header comment").startsWith("# ")
                    .contains("What it models").containsIgnoringCase("timeline").contains("What a good strategy should show");
        }
    }

    @Test
    void shouldPlayTheScaleLoadForAnHourWithRestartsAndResetsAndABoundedHistory() throws Exception {
        Scenario soak = ScenarioLoader.load(library().resolve("soak/soak-1h.yaml"));

        assertThat(soak.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(soak.users()).hasSize(200);
        assertThat(soak.rooms()).hasSize(20);
        assertThat(soak.load().ratePerSender()).isEqualTo(5.25);
        assertThat(soak.strategies()).isEqualTo(new StrategySelection.Named(List.of("reconcile")));
        assertThat(soak.server().historyLimit()).hasValue(5000);
        List<FaultWindow> windows = FaultSchedule.resolve(soak).windows();
        List<FaultWindow> deploys = windows.stream().filter(w -> w.fault().equals("deploy")).toList();
        List<FaultWindow> flaps = windows.stream().filter(w -> w.fault().equals("flap")).toList();
        assertThat(deploys).hasSize(12).allSatisfy(w -> assertThat(w.serverSide()).isTrue());
        assertThat(deploys.getFirst().start()).isEqualTo(Duration.ofSeconds(150));
        assertThat(deploys.get(1).start()).isEqualTo(Duration.ofSeconds(450));
        assertThat(flaps).hasSize(20).allSatisfy(w -> assertThat(w.clients()).hasSize(50));
        assertThat(flaps.getFirst().start()).isEqualTo(Duration.ofMinutes(1));
        // no restart within half a minute of a reset: each fault's recovery is its own
        assertThat(deploys).allSatisfy(deploy -> assertThat(flaps).allSatisfy(flap ->
                assertThat(flap.start().minus(deploy.start()).abs()).isGreaterThanOrEqualTo(Duration.ofSeconds(30))));
        assertThat(windows).allSatisfy(w -> assertThat(w.end()).isLessThanOrEqualTo(soak.duration()));
    }

    @Test
    void shouldKeepTheSoaksFirstAndLastMinuteFreeOfFaultsInTheHourAndItsCuts() throws Exception {
        // the drift compares the first full minute with the last: a restart minute's scheduling lag
        // is higher by the reconnects, so neither end may hold a fault, in the hour or in a cut of it
        String text = Files.readString(library().resolve("soak/soak-1h.yaml"));
        assertThat(text).contains("\nduration: 1h\n");
        for (String cut : List.of("10m", "30m", "1h")) {
            Scenario soak = ScenarioLoader.parse("soak-" + cut + ".yaml",
                    text.replace("\nduration: 1h\n", "\nduration: " + cut + "\n"), LoaderOptions.DEFAULTS);
            Duration lastMinute = soak.duration().minusMinutes(1);
            List<FaultWindow> windows = FaultSchedule.resolve(soak).windows();
            assertThat(windows).as(cut).isNotEmpty().allSatisfy(w -> {
                String window = cut + " " + w.fault() + " at " + w.start();
                assertThat(w.start()).as(window).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
                assertThat(w.end()).as(window).isLessThanOrEqualTo(lastMinute);
            });
        }
    }
}
