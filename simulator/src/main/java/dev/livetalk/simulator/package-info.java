/**
 * The deterministic simulated network: the reference server core and the client session
 * cores run on one thread in virtual time, joined by simulated links with latency
 * distributions and faults that a TCP proxy cannot produce (loss, duplication and reordering
 * of single messages, partitions), plus the Toxiproxy faults with their meaning. One seed
 * decides everything, so a run replays exactly; seed sweeps play thousands of runs and name
 * the seeds that break a check.
 */
package dev.livetalk.simulator;
