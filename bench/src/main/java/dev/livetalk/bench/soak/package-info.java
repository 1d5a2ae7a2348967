/**
 * {@code livetalk bench soak}: what a simulated run holds in memory as it goes on, the heap
 * after a full collection at every simulated minute, its slope, the peaks, and the wall and
 * CPU time of each simulated minute.
 */
package dev.livetalk.bench.soak;
