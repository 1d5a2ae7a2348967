/**
 * Toxiproxy itself: the real Toxiproxy (v2.12.0) as the chaos engine, one proxy per
 * client connection.
 *
 * <ul>
 *   <li>{@link dev.livetalk.network.toxiproxy.ToxiproxyLocator} decides where a server comes
 *       from ({@code --toxiproxy}/{@code TOXIPROXY_URL}, a binary, {@code go install},
 *       Testcontainers' {@code ToxiproxyContainer} where Docker runs, or a how-to message);
 *       {@link dev.livetalk.network.toxiproxy.ToxiproxyLauncher} acts on it and returns a
 *       {@link dev.livetalk.network.toxiproxy.ToxiproxyServer}, whose {@code ProxyAddressing}
 *       says where its proxies listen and are reached (a container: 32 exposed ports, Docker's
 *       port mapping, the upstream through {@code host.testcontainers.internal});
 *       {@link dev.livetalk.network.toxiproxy.ToxiproxyProvision} is the shell entry point
 *       that installs one ahead of time; {@link dev.livetalk.network.toxiproxy.GoInstaller}
 *       runs {@code go install} of a pinned command into {@code .tools/bin} (Toxiproxy, and the
 *       actionlint the build's tests use), {@link dev.livetalk.network.toxiproxy.PathSearch}
 *       finds a command on {@code PATH}.</li>
 *   <li>{@link dev.livetalk.network.toxiproxy.ToxiproxyNetwork} opens a proxy per
 *       {@link dev.livetalk.network.LinkId} and applies and removes
 *       {@link dev.livetalk.network.toxiproxy.ToxicSpec} faults on sets of them.</li>
 * </ul>
 *
 * <p>Each class says in its Javadoc which threads may touch it.
 */
package dev.livetalk.network.toxiproxy;
