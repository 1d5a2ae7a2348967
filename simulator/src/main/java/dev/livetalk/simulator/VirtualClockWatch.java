package dev.livetalk.simulator;

/**
 * Told on the playing thread as a simulated run's virtual time passes: for benchmarks that
 * sample the JVM at points of the simulated run, whatever the machine's speed (such as
 * {@code livetalk bench soak}, which collects and reads the heap every simulated minute). It
 * sees nothing of the run, and what it does (collect, read a clock) is never part of a trace.
 * Every stage of the backend tells it, the self-check's second play too (on a thread of its
 * own): {@link Thread#currentThread()} tells the plays apart.
 */
public interface VirtualClockWatch {
    /**
     * The stage's virtual time passed {@code virtualNanos}, a whole multiple of the watch's
     * period since the stage opened (told within a virtual second of it, once each).
     */
    void onVirtualTime(long virtualNanos);

    /** The stage closed, its play over, at {@code virtualNanos}. */
    default void onClosed(long virtualNanos) {
    }
}
