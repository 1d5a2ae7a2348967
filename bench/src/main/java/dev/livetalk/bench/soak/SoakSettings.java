package dev.livetalk.bench.soak;

import dev.livetalk.scenarios.Scenario;

/**
 * What {@code livetalk bench soak} plays.
 *
 * @param scenario   the scenario, loaded for the simulator, no longer than {@code maxMinutes}
 * @param strategy   the clients' strategy
 * @param repeat     plays, one after the other in this JVM
 * @param selfCheck  whether each play is checked by a second play, as {@code run --network sim} does
 * @param maxMinutes the cap on the scenario's run length (warm-up, duration, quiesce), simulated minutes
 */
public record SoakSettings(Scenario scenario, String strategy, int repeat, boolean selfCheck, int maxMinutes) {
    public SoakSettings {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1: " + repeat);
        }
        if (maxMinutes < 1) {
            throw new IllegalArgumentException("--minutes must be >= 1: " + maxMinutes);
        }
        double minutes = scenario.runLength().toMillis() / 60_000.0;
        if (minutes > maxMinutes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "scenario %s runs %.1f simulated minutes (warm-up %d s + duration %d s + quiesce %d s), longer than"
                            + " --minutes %d: raise --minutes or play a shorter cut of it",
                    scenario.name(), minutes, scenario.warmup().toSeconds(),
                    scenario.duration().toSeconds(), scenario.quiesce().toSeconds(), maxMinutes));
        }
    }
}
