package dev.livetalk.metrics.otlp;

import dev.livetalk.metrics.latency.Phases;
import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MessageRow;

import java.util.ArrayList;
import java.util.List;

/**
 * One message's story as a trace (docs/OTLP.md):
 *
 * <pre>
 * send      sender's client  intended .. first ack (else its last status)
 * └ commit  server           first transmission .. first commit
 *   └ deliver  recipient     commit .. first shown at the recipient   (one per recipient)
 *     ├ display  recipient   first shown .. final place
 *     └ read     recipient   first shown .. read marker
 * </pre>
 *
 * A span that never completed (never acknowledged, never committed, never shown, never in its
 * final place, committed or shown more than once) has status ERROR with what went wrong, and
 * when it never ended, no duration.
 *
 * <p>Immutable; any thread.
 */
public record MessageTrace(String traceId, List<MessageSpan> spans) {
    /** The server's service name. */
    public static final String SERVER = "livetalk-server";

    public MessageTrace {
        spans = List.copyOf(spans);
    }

    /** The service name of {@code user}'s client. */
    public static String clientService(String user) {
        return "livetalk-client-" + user;
    }

    /** The trace of {@code message}, delivered as {@code deliveries}, with the run's fault {@code phases}. */
    static MessageTrace of(String traceId, MessageRow message, List<DeliveryRow> deliveries, Phases phases,
                           TraceIds ids) {
        return new Builder(traceId, message, phases, ids).build(deliveries);
    }

    private static final class Builder {
        private final String traceId;
        private final MessageRow message;
        private final Phases phases;
        private final TraceIds ids;
        private final List<MessageSpan> spans = new ArrayList<>();

        Builder(String traceId, MessageRow message, Phases phases, TraceIds ids) {
            this.traceId = traceId;
            this.message = message;
            this.phases = phases;
            this.ids = ids;
        }

        MessageTrace build(List<DeliveryRow> deliveries) {
            MessageSpan send = send();
            MessageSpan commit = commit(send);
            for (DeliveryRow delivery : deliveries) {
                deliver(commit, delivery);
            }
            return new MessageTrace(traceId, spans);
        }

        private MessageSpan send() {
            long start = first(message.intendedUs(), message.handedUs(), message.committedUs(), 0L);
            Long lastStatus = message.statuses().isEmpty() ? null : message.statuses().getLast().atUs();
            long end = Math.max(start, first(message.ackUs(), lastStatus, start));
            List<SpanAttribute> attributes = identified(message.sender(), start);
            attributes.add(SpanAttribute.of("livetalk.message.transmissions", message.transmissions()));
            attributes.add(SpanAttribute.of("livetalk.message.final_status", String.valueOf(message.finalStatus())));
            if (message.replyTo() != null) {
                attributes.add(SpanAttribute.of("livetalk.message.reply_to", message.replyTo()));
            }
            List<SpanEvent> events = new ArrayList<>();
            for (MessageRow.StatusStep step : message.statuses()) {
                events.add(new SpanEvent("status " + step.status(), step.atUs(), List.of()));
            }
            String error = message.ackUs() != null ? null
                    : "never acknowledged at " + message.sender() + " (final status " + message.finalStatus() + ", "
                    + message.transmissions() + " transmissions)";
            return add(new MessageSpan(clientService(message.sender()), "send", SpanKind.CLIENT, id("send"), null,
                    start, end, attributes, events, error));
        }

        private MessageSpan commit(MessageSpan send) {
            long start = first(message.transmittedUs(), message.handedUs(), send.startUs());
            Long committed = message.committedUs();
            start = committed == null ? start : Math.min(start, committed);
            long end = committed == null ? start : committed;
            List<SpanAttribute> attributes = identified(message.sender(), start);
            attributes.add(SpanAttribute.of("livetalk.message.commits", message.commits().size()));
            List<SpanEvent> events = new ArrayList<>();
            for (MessageRow.Commit c : message.commits()) {
                events.add(new SpanEvent("commit", c.atUs(), List.of(SpanAttribute.of("livetalk.message.seq", c.seq()),
                        SpanAttribute.of("livetalk.message.id", c.id()),
                        SpanAttribute.of("livetalk.message.client_msg_id", c.clientMsgId()))));
            }
            String error = committed == null
                    ? "never committed by the server (" + message.transmissions() + " transmissions)"
                    : message.commits().size() > 1
                    ? "committed " + message.commits().size() + " times (a resend under a new client message id)"
                    : null;
            return add(new MessageSpan(SERVER, "commit", SpanKind.SERVER, id("commit"), send.spanId(),
                    start, end, attributes, events, error));
        }

        private void deliver(MessageSpan commit, DeliveryRow delivery) {
            String recipient = delivery.recipient();
            Long shown = delivery.firstShownUs();
            long start = shown == null ? commit.endUs() : Math.min(commit.endUs(), shown);
            long end = shown == null ? start : shown;
            List<SpanAttribute> attributes = common(recipient, start);
            attributes.add(SpanAttribute.of("livetalk.delivery.lines", delivery.lines()));
            attributes.add(SpanAttribute.of("livetalk.delivery.moves", delivery.moves()));
            if (delivery.finalPosition() != null) {
                attributes.add(SpanAttribute.of("livetalk.delivery.final_position", delivery.finalPosition()));
            }
            String error = shown == null ? "never shown at " + recipient + " (lost there)" : null;
            MessageSpan deliver = add(new MessageSpan(clientService(recipient), "deliver", SpanKind.CONSUMER,
                    id("deliver/" + recipient), commit.spanId(), start, end, attributes, receipts(delivery), error));
            if (shown != null) {
                display(deliver, delivery);
                read(deliver, delivery);
            }
        }

        private void display(MessageSpan deliver, DeliveryRow delivery) {
            long start = deliver.endUs();
            Long finalAt = delivery.finalAtUs();
            long end = finalAt == null ? start : Math.max(start, finalAt);
            String error = delivery.lines() == 0 ? "shown at " + delivery.recipient() + ", then gone from its final transcript"
                    : delivery.lines() > 1 ? "shown " + delivery.lines() + " times in " + delivery.recipient()
                    + "'s final transcript (duplicated)"
                    : finalAt == null ? "never took its final place at " + delivery.recipient() : null;
            add(new MessageSpan(deliver.service(), "display", SpanKind.INTERNAL, id("display/" + delivery.recipient()),
                    deliver.spanId(), start, end, common(delivery.recipient(), start), List.of(), error));
        }

        private void read(MessageSpan deliver, DeliveryRow delivery) {
            if (delivery.readMarkerUs() == null) {
                return;
            }
            long start = deliver.endUs();
            add(new MessageSpan(deliver.service(), "read", SpanKind.INTERNAL, id("read/" + delivery.recipient()),
                    deliver.spanId(), start, Math.max(start, delivery.readMarkerUs()), common(delivery.recipient(), start),
                    List.of(), null));
        }

        /** The markers the recipient sent and the receipts the sender got, as events of the delivery. */
        private static List<SpanEvent> receipts(DeliveryRow delivery) {
            List<SpanEvent> events = new ArrayList<>(4);
            addEvent(events, "delivered marker sent", delivery.deliveredMarkerUs());
            addEvent(events, "read marker sent", delivery.readMarkerUs());
            addEvent(events, "sender saw delivered receipt", delivery.senderSawDeliveredUs());
            addEvent(events, "sender saw read receipt", delivery.senderSawReadUs());
            return events;
        }

        private static void addEvent(List<SpanEvent> events, String name, Long atUs) {
            if (atUs != null) {
                events.add(new SpanEvent(name, atUs, List.of()));
            }
        }

        /** What every span carries: room, client and the fault phase at its start. */
        private List<SpanAttribute> common(String client, long startUs) {
            List<SpanAttribute> attributes = new ArrayList<>(10);
            attributes.add(SpanAttribute.of("livetalk.room", message.room()));
            attributes.add(SpanAttribute.of("livetalk.client", client));
            attributes.add(SpanAttribute.of("livetalk.fault.phase", phases.of(startUs).expressionName()));
            return attributes;
        }

        /**
         * What the sender's and the server's spans carry besides: the message's key, seq and id
         * (the recipients' spans leave them out, as they are many: the trace is the message).
         */
        private List<SpanAttribute> identified(String client, long startUs) {
            List<SpanAttribute> attributes = common(client, startUs);
            attributes.add(SpanAttribute.of("livetalk.message.key", message.key()));
            if (message.seq() != null) {
                attributes.add(SpanAttribute.of("livetalk.message.seq", message.seq()));
            }
            if (message.id() != null) {
                attributes.add(SpanAttribute.of("livetalk.message.id", message.id()));
            }
            return attributes;
        }

        private MessageSpan add(MessageSpan span) {
            spans.add(span);
            return span;
        }

        private String id(String path) {
            return ids.spanId(traceId, path);
        }

        private static long first(Long... candidates) {
            for (Long candidate : candidates) {
                if (candidate != null) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("no time among the candidates");
        }
    }
}
