package dev.livetalk.run;

import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.fault.FaultSchedule;

/**
 * Everything a scenario plays with one seed, resolved before anything runs and the same on
 * every backend and for every strategy: the open-model load, the fault schedule and the
 * client layout. Immutable.
 *
 * @param scenario the scenario
 * @param seed     the seed everything was resolved with (it overrides the file's)
 * @param load     every send, by intended time
 * @param faults   every fault window, by start
 * @param layout   the clients and their links
 */
public record RunPlan(Scenario scenario, long seed, LoadPlan load, FaultSchedule faults, ClientLayout layout) {
    /** Resolves {@code scenario} with {@code seed}. */
    public static RunPlan resolve(Scenario scenario, long seed) {
        return new RunPlan(scenario, seed, LoadPlan.resolve(scenario, seed), FaultSchedule.resolve(scenario, seed),
                ClientLayout.of(scenario));
    }
}
