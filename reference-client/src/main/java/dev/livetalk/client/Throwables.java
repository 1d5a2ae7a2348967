package dev.livetalk.client;

/**
 * Which throwables a run survives as a failure of what threw them, and which it must not.
 *
 * <p>A strategy's callback runs on the harness's own threads (the simulator's loop, a client
 * driver's owner thread), so whatever it throws reaches the harness: an exception, and also an
 * {@link Error} of the strategy's own making, such as a {@link StackOverflowError} of a runaway
 * recursion (its stack is unwound by the time it is caught), an {@link AssertionError}, or a
 * {@link LinkageError} of a plugged-in jar ({@link NoClassDefFoundError} for a library left out,
 * {@link ExceptionInInitializerError} for a class whose static initializer threw). Those end the
 * run as a harness failure naming the strategy, with what was measured before it kept.
 *
 * <p>The other {@link VirtualMachineError}s are not the strategy's: an {@link OutOfMemoryError}
 * says the harness's heap is exhausted (the runner stops the scenario there as a heap stop, as
 * its heap guard does), an {@link InternalError} or {@link UnknownError} that the JVM itself is in
 * doubt. Those are never caught as a strategy's failure.
 */
public final class Throwables {
    private Throwables() {
    }

    /**
     * Whether {@code failure} can be handled as the failure of the code that threw it: every
     * exception and every {@link Error} but a {@link VirtualMachineError} other than a
     * {@link StackOverflowError}.
     */
    public static boolean recoverable(Throwable failure) {
        return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
    }
}
