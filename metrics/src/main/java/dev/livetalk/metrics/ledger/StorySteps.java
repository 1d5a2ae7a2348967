package dev.livetalk.metrics.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a {@link MessageStory}: every time the ledger holds for one message, named after
 * the client (or the server) it happened at, with the fault windows hitting it then.
 *
 * <p>Single use, one thread.
 */
final class StorySteps {
    private final List<FaultRow> faults;
    private final List<MessageStory.Step> steps = new ArrayList<>();

    private StorySteps(List<FaultRow> faults) {
        this.faults = faults;
    }

    static List<MessageStory.Step> of(LedgerIndex index, MessageRow m) {
        StorySteps s = new StorySteps(index.ledger().faults());
        s.sender(m);
        s.server(m);
        for (DeliveryRow d : index.deliveriesOf(m.key())) {
            s.recipient(m, d);
        }
        s.steps.sort(MessageStory.IN_TIME);
        return s.steps;
    }

    private void sender(MessageRow m) {
        String at = m.sender();
        add(m.intendedUs(), at, "intended");
        add(m.handedUs(), at, "handed to the client"
                + (m.clientMsgIds().isEmpty() ? "" : " as " + m.clientMsgIds().get(0)));
        if (m.transmitted().isEmpty()) {
            add(m.transmittedUs(), at, m.transmissions() == 1 ? "transmitted (its only transmission)"
                    : "first transmission of " + m.transmissions() + " (a ledger without the times of the others)");
        }
        for (int i = 0; i < m.transmitted().size(); i++) {
            MessageRow.Sent sent = m.transmitted().get(i);
            add(sent.atUs(), at, "transmission " + (i + 1) + " of " + m.transmitted().size() + " as "
                    + sent.clientMsgId());
        }
        add(m.echoUs(), at, "local echo: shown at its sender");
        for (MessageRow.StatusStep status : m.statuses()) {
            add(status.atUs(), at, "sender's line: " + status.status());
        }
    }

    private void server(MessageRow m) {
        for (int i = 0; i < m.commits().size(); i++) {
            MessageRow.Commit c = m.commits().get(i);
            add(c.atUs(), MessageStory.SERVER, (i == 0 ? "committed" : "committed again (copy " + (i + 1) + ")")
                    + ": seq " + c.seq() + ", id " + c.id() + ", client message id " + c.clientMsgId());
        }
    }

    private void recipient(MessageRow m, DeliveryRow d) {
        String at = d.recipient();
        add(d.firstShownUs(), at, "shown (first line)");
        add(d.finalAtUs(), at, "in its final place (every lower seq before it)");
        add(d.deliveredMarkerUs(), at, "sent a delivered marker covering it");
        add(d.readMarkerUs(), at, "sent a read marker covering it");
        add(d.senderSawDeliveredUs(), m.sender(), "saw " + at + "'s delivered receipt");
        add(d.senderSawReadUs(), m.sender(), "saw " + at + "'s read receipt");
    }

    private void add(Long atUs, String where, String what) {
        if (atUs == null) {
            return;
        }
        List<String> active = new ArrayList<>();
        for (FaultRow f : faults) {
            if (MessageStory.hits(f, where, atUs)) {
                active.add(MessageStory.label(f));
            }
        }
        steps.add(new MessageStory.Step(atUs, where, what, active));
    }
}
