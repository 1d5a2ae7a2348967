package dev.livetalk.runner;

import dev.livetalk.run.LoadPlan;
import dev.livetalk.run.PlannedSend;

import dev.livetalk.client.tyrus.ClientDriver;
import dev.livetalk.metrics.trace.SendRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the sends of a {@link LoadPlan} to their clients at their intended times, on the
 * client driver's owner thread, recording intended and actual send time of each (the
 * difference is the harness's own scheduling lag). One wake-up is pending at a time.
 *
 * <p>Threads: {@link #start()} and every step run on the driver's owner thread.
 */
final class LoadPlayer {
    private final List<PlannedSend> sends;
    private final Map<String, Participant> participants;
    private final long loadStart;
    private final ClientDriver driver;
    private final AtomicInteger sent;
    private int next;

    LoadPlayer(LoadPlan plan, Map<String, Participant> participants, long loadStart, ClientDriver driver,
               AtomicInteger sent) {
        this.sends = plan.sends();
        this.participants = participants;
        this.loadStart = loadStart;
        this.driver = driver;
        this.sent = sent;
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        if (next < sends.size()) {
            driver.schedule(loadStart + sends.get(next).at(), this::sendDue);
        }
    }

    private void sendDue(long now) {
        while (next < sends.size() && loadStart + sends.get(next).at() <= now) {
            send(sends.get(next++), now);
        }
        scheduleNext();
    }

    private void send(PlannedSend planned, long now) {
        Participant participant = participants.get(planned.user());
        String body = planned.body();
        participant.client().act(session -> {
            String replyTo = planned.reply() ? participant.newestCommittedId(session, planned.room()) : null;
            String clientMsgId = session.send(planned.room(), body, replyTo, now);
            participant.onSend(new SendRecord(planned.room(), clientMsgId, loadStart + planned.at(), now, replyTo, body));
        });
        sent.incrementAndGet();
    }
}
