package dev.livetalk.metrics.ledger;

/**
 * One (message, recipient): a member other than the sender entitled to the message (it joined
 * the room before the message's seq; for a message never committed, every member). Times are
 * microseconds since the end of the warm-up; {@code null} means never.
 *
 * <p>Immutable; any thread.
 *
 * @param key                  the message's key ({@link MessageRow#key()})
 * @param room                 the room
 * @param seq                  the message's first seq, or {@code null} when never committed
 * @param sender               the sending user
 * @param recipient            the recipient (user and client)
 * @param firstShownUs         when a line of it first appeared at the recipient
 * @param finalAtUs            when it took its final place with every lower entitled seq before it
 *                             (peer-final), or {@code null} when it never did
 * @param finalPosition        the 0-based place of its first line in the recipient's final
 *                             transcript, or {@code null} when absent
 * @param lines                its lines in the final transcript (0: lost there; 2 or more: duplicated)
 * @param moves                how many times a line of it jumped to another place
 * @param deliveredMarkerUs    when a delivered marker the recipient sent first covered it
 * @param readMarkerUs         when a read marker the recipient sent first covered it
 * @param senderSawDeliveredUs when the sender first received the recipient's delivered receipt covering it
 * @param senderSawReadUs      when the sender first received the recipient's read receipt covering it
 * @param unreachable          the server had dropped it from its bounded history before the recipient
 *                             came back (docs/METRICS.md, "Bounded history"): not lost, no latency sample
 */
public record DeliveryRow(String key, String room, Long seq, String sender, String recipient, Long firstShownUs,
                          Long finalAtUs, Integer finalPosition, int lines, int moves, Long deliveredMarkerUs,
                          Long readMarkerUs, Long senderSawDeliveredUs, Long senderSawReadUs, @AddedLater boolean unreachable) {

    /** A reachable delivery (and the rows of a ledger written before unreachable ones were marked). */
    public DeliveryRow(String key, String room, Long seq, String sender, String recipient, Long firstShownUs,
                       Long finalAtUs, Integer finalPosition, int lines, int moves, Long deliveredMarkerUs,
                       Long readMarkerUs, Long senderSawDeliveredUs, Long senderSawReadUs) {
        this(key, room, seq, sender, recipient, firstShownUs, finalAtUs, finalPosition, lines, moves,
                deliveredMarkerUs, readMarkerUs, senderSawDeliveredUs, senderSawReadUs, false);
    }
}
