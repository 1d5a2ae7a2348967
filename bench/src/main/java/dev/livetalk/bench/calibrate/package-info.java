/**
 * {@code livetalk calibrate}: the latency the harness itself adds on this machine, layer by
 * layer (bare Tyrus echo, the same through Toxiproxy, the full session and strategy stack
 * directly and through Toxiproxy), measured in one run with the layers interleaved.
 */
package dev.livetalk.bench.calibrate;
