package dev.livetalk.bench.soak;

/**
 * One simulated minute of a soak play, sampled on the playing thread when the first play's
 * virtual clock passed it.
 *
 * @param minute         the simulated minute since the stage opened (1, 2, ...)
 * @param heapAfterGc    heap used right after a full collection there, bytes
 * @param wallNanos      wall time of that minute's play, the forced collections left out
 * @param cpuNanos       CPU time of the playing thread in that minute, the forced collections left out
 * @param gcNanos        how long the forced collection took (wall)
 * @param replayMinute   where the self-check's second play was then (it runs on a thread of its own, as fast as
 *                       the machine lets it, and holds what it recorded until it ends): the last simulated minute
 *                       it passed, {@link #REPLAY_NOT_STARTED} before it began (it begins once the first play is
 *                       recorded, so a sample of the first play sees it so), {@link #REPLAY_ENDED} once it ended,
 *                       {@link #NO_REPLAY} without a self-check
 */
public record SoakSample(int minute, long heapAfterGc, long wallNanos, long cpuNanos, long gcNanos, int replayMinute) {
    /** {@link #replayMinute()} once the second play ended. */
    public static final int REPLAY_ENDED = Integer.MAX_VALUE;
    /** {@link #replayMinute()} without a self-check. */
    public static final int NO_REPLAY = -1;
    /** {@link #replayMinute()} before the second play began. */
    public static final int REPLAY_NOT_STARTED = -2;

    /** {@link #replayMinute()} as the table shows it: the minute, {@code not started}, {@code end} or {@code -}. */
    public String replayText() {
        return switch (replayMinute) {
            case NO_REPLAY -> "-";
            case REPLAY_NOT_STARTED -> "not started";
            case REPLAY_ENDED -> "end";
            default -> Integer.toString(replayMinute);
        };
    }
}
