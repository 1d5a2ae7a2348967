package dev.livetalk.client.transcript;

/**
 * Told of every transcript change, on the session's owner thread, synchronously, in order.
 * It must not change the transcript it is told about.
 */
@FunctionalInterface
public interface TranscriptListener {
    /** Does nothing. */
    TranscriptListener NONE = change -> { };

    /** Called after the change is applied. */
    void onChange(TranscriptChange change);

    /** This listener, then {@code other}. */
    default TranscriptListener andThen(TranscriptListener other) {
        return change -> {
            onChange(change);
            other.onChange(change);
        };
    }
}
