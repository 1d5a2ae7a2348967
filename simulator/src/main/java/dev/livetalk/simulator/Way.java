package dev.livetalk.simulator;

/**
 * Which way a frame travels on a simulated link: client to server or server to client.
 *
 * <p>Immutable; any thread.
 */
enum Way {
    /** Client to server. */
    UP,
    /** Server to client. */
    DOWN
}
