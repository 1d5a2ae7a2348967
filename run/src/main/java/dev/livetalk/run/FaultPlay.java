package dev.livetalk.run;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The fault windows of one run as a backend plays them. */
public interface FaultPlay extends AutoCloseable {
    /** Windows acting now; any thread. */
    int active();

    /** Completes with the first fault the backend could not apply or remove; the run then stops. */
    CompletableFuture<RunFailure> failure();

    /** The windows as played so far, with when they really began and ended; complete after {@link #close()}. */
    List<PlayedFault> played();

    /** Cancels what has not begun and lifts what acts now. */
    @Override
    void close();
}
