package dev.livetalk.client;

import dev.livetalk.protocol.LinkRole;

/**
 * One connection attempt of a session: its role and a generation that grows with every
 * reconnect. The transport passes back the {@code Link} of a {@link SessionOutput.Connect} in
 * every callback about that connection; the session ignores callbacks for an older
 * generation (a close that raced a reconnect).
 *
 * <p>Immutable: the transport may hold it on its I/O threads. Unique within one session only
 * (two sessions both have a {@code Link(MAIN, 1)}).
 *
 * @param role       what the connection is for
 * @param generation 1 for the first attempt of this role, then +1 per attempt
 */
public record Link(LinkRole role, int generation) {
    public Link {
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1: " + generation);
        }
    }
}
