package dev.livetalk.run;

/**
 * One message of the open-model load, due at a fixed time whatever the system does.
 *
 * @param index the send's place in the plan, 0 first: a {@code long}, since at the most load a
 *              scenario may have ({@link dev.livetalk.scenarios.Load#MAX_TOTAL_RATE}) an
 *              {@code int} would wrap after about 6 hours and bodies would repeat
 * @param at    intended send time, nanoseconds from the start of the run (warm-up included)
 * @param user  who sends
 * @param room  where
 * @param reply whether it replies to the newest committed message its sender displays
 */
public record PlannedSend(long index, long at, String user, String room, boolean reply) {
    public PlannedSend {
        if (at < 0) {
            throw new IllegalArgumentException("at must be >= 0 ns: " + at);
        }
    }

    /**
     * The text sent: unique per send, so that a resend under a new client message id (a naive
     * retry) is still recognised as the same message by the checkers.
     */
    public String body() {
        return user + " #" + index;
    }
}
