package dev.livetalk.bench.fanout;

/**
 * What one fan-out pass does.
 *
 * @param clients        sessions in the room, every one a receiver
 * @param messages       measured messages
 * @param warmupMessages messages sent before measuring
 * @param window         most messages in flight (not yet received by every client)
 * @param burst          messages a sender sends before the next client takes over
 * @param bodyPadding    extra characters in every body
 * @param timeoutSeconds longest wait for progress before the pass fails
 */
record FanoutSettings(int clients, int messages, int warmupMessages, int window, int burst,
                      int bodyPadding, int timeoutSeconds) {
    FanoutSettings {
        positive("clients", clients);
        positive("messages", messages);
        if (warmupMessages < 0) {
            throw new IllegalArgumentException("warmup messages must be >= 0: " + warmupMessages);
        }
        positive("window", window);
        positive("burst", burst);
        if (bodyPadding < 0 || bodyPadding > 2048) {
            throw new IllegalArgumentException("body padding must be 0..2048 characters: " + bodyPadding);
        }
        positive("timeout", timeoutSeconds);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + value);
        }
    }
}
