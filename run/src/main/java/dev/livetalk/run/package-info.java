/**
 * One run, whatever the network. {@link dev.livetalk.run.RunPlan} resolves what a scenario
 * plays (the open-model load, the fault schedule and the clients with their links);
 * {@link dev.livetalk.run.SimulatedUser} is the person behind each client (joins, sends on
 * time, reads by one rule, leaves a final transcript); {@link dev.livetalk.run.StrategyPlay}
 * plays one strategy and {@link dev.livetalk.run.ScenarioRunner} every strategy of a scenario,
 * measuring each. A {@link dev.livetalk.run.Backend} (Toxiproxy with real sockets, or the
 * simulator in virtual time) supplies transport and time and nothing else, so a scenario means
 * the same on both.
 */
package dev.livetalk.run;
