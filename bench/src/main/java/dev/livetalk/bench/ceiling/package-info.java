/**
 * {@code livetalk bench ceiling}: the ceiling of one machine through Toxiproxy. The library's
 * scale scenario, resized to several client counts, played in interleaved rounds; per count the
 * harness's scheduling-lag p99 (its health figure) and the CPU of the harness, of Toxiproxy and
 * of the whole machine, and the largest count that holds the 10 ms scheduling-lag budget.
 */
package dev.livetalk.bench.ceiling;
