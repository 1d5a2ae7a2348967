package dev.livetalk.metrics.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a {@link MessageStory}: what each client's final transcript holds of the message,
 * and what never happened.
 *
 * <p>Stateless; any thread.
 */
final class StorySummary {
    private StorySummary() {
    }

    static List<String> summary(LedgerIndex index, MessageRow m) {
        List<String> lines = new ArrayList<>();
        if (m.commits().size() > 1) {
            lines.add("server: committed " + m.commits().size() + " times (seqs "
                    + String.join(", ", m.commits().stream().map(c -> String.valueOf(c.seq())).toList()) + ")");
        }
        if (!m.lostCommits().isEmpty()) {
            lines.add("server: lost in a restart without durable history: committed as "
                    + String.join(", ", m.lostCommits().stream().map(c -> c.id() + " (epoch " + c.epoch() + ")").toList())
                    + (m.seq() != null ? "; committed again as seq " + m.seq()
                    : m.acknowledgedLost() ? "; ACKNOWLEDGED LOST (its sender saw the ack)" : "; never committed again"));
        }
        TranscriptRow own = index.transcript(m.sender(), m.room());
        long ownLines = own == null ? 0 : own.lines().stream().filter(l -> m.key().equals(l.key())).count();
        lines.add(m.sender() + " (sender): " + (own == null ? "no transcript of " + m.room()
                : plural(ownLines, "line") + (m.finalStatus() == null ? "" : ", final status " + m.finalStatus())));
        for (DeliveryRow d : index.deliveriesOf(m.key())) {
            lines.add(d.recipient() + ": " + placement(d));
        }
        return lines;
    }

    private static String placement(DeliveryRow d) {
        String moves = d.moves() == 0 ? "no moves" : plural(d.moves(), "move");
        if (d.lines() == 0) {
            return "LOST (no line in its final transcript), " + moves;
        }
        String where = "position " + d.finalPosition();
        return (d.lines() > 1 ? "DUPLICATED (" + d.lines() + " lines), first at " + where : where + ", 1 line")
                + ", " + moves;
    }

    static List<String> never(LedgerIndex index, MessageRow m) {
        List<String> lines = new ArrayList<>();
        List<String> own = new ArrayList<>();
        when(m.intendedUs(), "no send recorded (the server committed what the load never sent)", own);
        when(m.transmittedUs(), "never transmitted", own);
        when(m.echoUs(), "never shown at its sender", own);
        when(m.committedUs(), "never committed", own);
        if (m.committedUs() != null) {
            when(m.ackUs(), "its sender never showed it committed", own);
        }
        if (!own.isEmpty()) {
            lines.add(m.sender() + " (sender): " + String.join(", ", own));
        }
        for (DeliveryRow d : index.deliveriesOf(m.key())) {
            List<String> missing = new ArrayList<>();
            when(d.firstShownUs(), "never shown", missing);
            if (d.seq() != null) {
                when(d.finalAtUs(), "never in its final place", missing);
                when(d.deliveredMarkerUs(), "never marked delivered", missing);
                when(d.readMarkerUs(), "never marked read", missing);
                when(d.senderSawDeliveredUs(), m.sender() + " never saw its delivered receipt", missing);
                when(d.senderSawReadUs(), m.sender() + " never saw its read receipt", missing);
            }
            if (!missing.isEmpty()) {
                lines.add(d.recipient() + ": " + String.join(", ", missing));
            }
        }
        return lines;
    }

    private static void when(Long atUs, String never, List<String> into) {
        if (atUs == null) {
            into.add(never);
        }
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
