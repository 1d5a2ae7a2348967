package dev.livetalk.metrics.correctness;

/**
 * Whether the statuses a run's users saw told the truth (docs/METRICS.md, "Status truth"),
 * summed over clients and rooms.
 *
 * <p>Immutable; any thread.
 *
 * @param unfoundedDelivered (client, message) pairs a delivered marker of the client covered
 *                           before the client had shown the message
 * @param unfoundedRead      the same for read markers
 * @param statusAhead        own sends whose line showed DELIVERED before any other member had
 *                           shown the message, or READ before any other member's read marker covered it
 * @param statusBackwards    own sends whose line went to a status it cannot advance to
 * @param missingEchoes      sends without a line at the sender at the instant of the send
 */
record StatusTruth(long unfoundedDelivered, long unfoundedRead, long statusAhead, long statusBackwards,
                   long missingEchoes) {
    static final StatusTruth NONE = new StatusTruth(0, 0, 0, 0, 0);

    /** The counts of several rooms summed. */
    static StatusTruth sum(java.util.Collection<StatusTruth> rooms) {
        StatusTruth total = NONE;
        for (StatusTruth r : rooms) {
            total = new StatusTruth(total.unfoundedDelivered + r.unfoundedDelivered, total.unfoundedRead + r.unfoundedRead,
                    total.statusAhead + r.statusAhead, total.statusBackwards + r.statusBackwards,
                    total.missingEchoes + r.missingEchoes);
        }
        return total;
    }
}
