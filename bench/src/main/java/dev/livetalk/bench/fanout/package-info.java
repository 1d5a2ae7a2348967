/**
 * The loopback fan-out benchmark: one room of clients, one sender at a time, the reference
 * server measured against a bare Tyrus broadcast endpoint in the same run.
 */
package dev.livetalk.bench.fanout;
