/**
 * The simulator, one of the two networks of the one runner: {@link dev.livetalk.simulator.SimBackend}
 * implements {@code dev.livetalk.run.Backend} with the reference server core and the hosted
 * client session cores on one thread in virtual time, joined by simulated links with latency
 * distributions and faults that a TCP proxy cannot produce (loss, duplication and reordering
 * of single messages, partitions), plus the Toxiproxy faults with their meaning. It supplies
 * transport and time only: the plan, the simulated users, the load, the reading and the
 * measurement are those of {@code dev.livetalk.run}. One seed decides everything, so a run
 * replays exactly; seed sweeps ({@link dev.livetalk.simulator.SeedSweep}) play thousands of
 * runs and name the seeds that break a check.
 */
package dev.livetalk.simulator;
