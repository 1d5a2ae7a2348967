package dev.livetalk.server;

import java.util.List;

/**
 * The core's answer to a frame announced before decoding ({@link ServerCore#admit}): whether
 * the shell decodes it and passes it on, and what to deliver and close now (a
 * {@code rate-limited} error for a frame dropped undecoded). Immutable.
 *
 * @param decode  whether to decode the frame and call {@link ServerCore#onFrame}
 * @param outputs what to carry out now, in order
 */
public record Admission(boolean decode, List<ServerOutput> outputs) {
    public Admission {
        outputs = List.copyOf(outputs);
    }
}
