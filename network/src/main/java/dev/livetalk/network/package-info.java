/**
 * Network backends that carry the harness's client connections to the reference server,
 * and the vocabulary they share: {@link dev.livetalk.network.LinkId} names one client
 * connection, {@link dev.livetalk.network.NetworkBackendException} reports a backend that
 * cannot be found, started or driven (the command line maps it to exit code 1).
 *
 * <p>The Toxiproxy backend lives in {@code dev.livetalk.network.toxiproxy}; the deterministic
 * simulator (module {@code simulator}) is the other backend. Every type in this package is immutable and safe
 * to share between threads.
 */
package dev.livetalk.network;
