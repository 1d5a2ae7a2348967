/**
 * The LiveTalk reference chat server.
 *
 * <p>{@link dev.livetalk.server.ServerCore} is the whole server without I/O: it takes
 * connection events, decoded frames and {@code now}, and returns
 * {@link dev.livetalk.server.ServerOutput}s (deliver an event, close a connection). It is
 * single-threaded and never reads the clock, so tests drive it on the test thread with a
 * controlled clock.
 *
 * <p>{@link dev.livetalk.server.ReferenceServer} is the thin Tyrus (Grizzly) shell around it:
 * {@code ReferenceServer.start(ServerConfig.builder(secret).build())}, then {@code uri()},
 * then {@code close()}. A {@link dev.livetalk.server.CommitListener} in the
 * {@link dev.livetalk.server.ServerConfig} sees every committed message, for checkers that
 * need the full log while the server's history stays bounded.
 *
 * <p>{@link dev.livetalk.server.ServerMain} runs the server as a process of its own for a
 * harness that kills and restarts it: {@link dev.livetalk.server.ServerArguments} is its command
 * line, {@link dev.livetalk.server.ServerLine} the lines it exchanges on stdout and stdin. With
 * {@code --standby} it is the next server, started ahead: warm, waiting for {@code go} before it
 * opens the history and binds the port. {@link dev.livetalk.server.HeardCommits} is what the
 * harness heard of a durable server before it killed it, so that the next start tells again only
 * the commits whose lines died with it.
 */
package dev.livetalk.server;
