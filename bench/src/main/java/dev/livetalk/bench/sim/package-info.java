/**
 * {@code livetalk bench sim}: what the simulator costs, one scenario played in rounds with the
 * codec on and off, then a sweep of seeds on every worker; a determinism check on every round.
 */
package dev.livetalk.bench.sim;
