/**
 * The real network as a backend of the one scenario runner ({@code dev.livetalk.run}):
 * {@link dev.livetalk.network.ToxiproxyBackend} implements the run's backend seam with
 * transport and time only. Each strategy's run is a {@link dev.livetalk.network.ToxiproxyStage}:
 * a reference server on the loopback, one Toxiproxy proxy per client link (named by its
 * {@link dev.livetalk.network.LinkId}) and the clients hosted on Tyrus client drivers behind
 * them; the fault schedule becomes toxics on those proxies
 * ({@link dev.livetalk.network.ToxiproxyFaultPlay}), changed on one {@code toxiproxy-control}
 * thread with a deadline per Toxiproxy call. {@link dev.livetalk.network.NetworkBackendException}
 * reports a Toxiproxy that cannot be found, started or driven (the command line maps it to exit
 * code 1; during a run it becomes the run's harness failure).
 *
 * <p>Finding, starting and driving Toxiproxy itself lives in {@code dev.livetalk.network.toxiproxy};
 * the deterministic simulator (module {@code simulator}) is the other backend. Each class says in
 * its Javadoc which threads may touch it.
 */
package dev.livetalk.network;
