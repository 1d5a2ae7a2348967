/**
 * The reference chat client's sans-IO core: {@link dev.livetalk.client.ClientSession} (one
 * owner thread, time passed in, outputs drained), its {@link dev.livetalk.client.SessionConfig},
 * the {@link dev.livetalk.client.Link}s it asks a transport to open, and the
 * {@link dev.livetalk.client.SessionOutput}s it asks the transport to carry out.
 */
package dev.livetalk.client;
