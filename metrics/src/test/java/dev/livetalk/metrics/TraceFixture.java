package dev.livetalk.metrics;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.ClientRecorder;
import dev.livetalk.metrics.trace.ConnectAttempt;
import dev.livetalk.metrics.trace.Refetch;
import dev.livetalk.metrics.trace.RequestSent;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.metrics.trace.TraceWindow;
import dev.livetalk.metrics.trace.WelcomeSeen;
import dev.livetalk.protocol.Message;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made traces for tests: clients drive the real {@link Transcript} (so change logs are
 * what a client really records) with a {@link ClientRecorder} as its listener; the server log
 * is written by hand. Times are given in milliseconds and recorded in nanoseconds.
 *
 * <p>Test thread only.
 */
public final class TraceFixture {
    private final TraceRecorder recorder;
    private final Map<String, Long> heads = new HashMap<>();
    private final List<Client> clients = new ArrayList<>();
    private String epoch;

    public TraceFixture(String strategy) {
        this(strategy, 0);
    }

    public TraceFixture(String strategy, long measuredFromMs) {
        recorder = new TraceRecorder(strategy, ms(measuredFromMs));
    }

    public static long ms(double millis) {
        return Math.round(millis * 1_000_000);
    }

    /**
     * From now on the server commits in history {@code epoch} (commits before name none), seqs
     * continuing; message ids become {@code m<seq>.<epoch>}, unique across epochs.
     */
    public TraceFixture epoch(String epoch) {
        this.epoch = epoch;
        return this;
    }

    /** The server (re)started with history {@code epoch} at {@code atMs}, as the harness records it. */
    public TraceFixture started(String epoch, double atMs) {
        recorder.onServerStarted(epoch, ms(atMs));
        return this;
    }

    /** The server restarts without durable history: history {@code epoch}, every room from seq 1 again. */
    public TraceFixture restart(String epoch) {
        heads.clear();
        return epoch(epoch);
    }

    /** The server commits a message of {@code from} with body = client message id. */
    public Message commit(String room, String from, String clientMsgId, double atMs) {
        return commit(room, from, clientMsgId, clientMsgId, null, atMs);
    }

    /** The server commits a reply. */
    public Message commitReply(String room, String from, String clientMsgId, String replyTo, double atMs) {
        return commit(room, from, clientMsgId, clientMsgId, replyTo, atMs);
    }

    /** The server commits a message with its own body (a resend under a new client message id). */
    public Message commit(String room, String from, String clientMsgId, String body, String replyTo, double atMs) {
        long seq = heads.merge(room, 1L, Long::sum);
        Message message = new Message(room, seq, epoch == null ? "m" + seq : "m" + seq + "." + epoch, clientMsgId,
                from, body, replyTo, 0);
        recorder.onCommitted(epoch, message, ms(atMs));
        return message;
    }

    /** A fault window in milliseconds of trace time, targeting {@code clients} (none: all). */
    public TraceFixture window(String fault, double startMs, double endMs, String... clients) {
        recorder.onFaultWindow(new TraceWindow(fault, 0, ms(startMs), ms(endMs), List.of(clients), false));
        return this;
    }

    /** A window of a resolved schedule, whose times count from {@code loadStartMs} of trace time. */
    public TraceFixture window(FaultWindow window, double loadStartMs) {
        recorder.onFaultWindow(TraceWindow.of(window, ms(loadStartMs)));
        return this;
    }

    /** A window on the server (every client) of fault type {@code kind}, in milliseconds of trace time. */
    public TraceFixture serverWindow(String fault, String kind, double startMs, double endMs) {
        recorder.onFaultWindow(new TraceWindow(fault, 0, ms(startMs), ms(endMs), List.of(), true, kind));
        return this;
    }

    /** The server received a request of wire type {@code type}. */
    public TraceFixture serverRequest(String type, double atMs) {
        recorder.onServerRequest(type, ms(atMs));
        return this;
    }

    public Client client(String user) {
        return client(user, 1);
    }

    /** Another client of {@code user}, {@code device} > 1 (the first is {@link #client(String)}'s). */
    public Client client(String user, int device) {
        Client client = new Client(recorder.client(user + "-" + device, user), user);
        clients.add(client);
        return client;
    }

    /** The client of {@code user} made earlier by {@link #client}. */
    public Client clientNamed(String user) {
        return clients.stream().filter(c -> c.user.equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client of user " + user));
    }

    /** The trace, with every client's final transcripts taken from its transcripts. */
    public RunTrace build() {
        for (Client client : clients) {
            client.transcripts.forEach((room, t) -> client.recorder.onFinalTranscript(room, t.entries()));
        }
        return recorder.build();
    }

    /** One client: its recorder and one real transcript per room. */
    public static final class Client {
        private final ClientRecorder recorder;
        private final String user;
        private final Map<String, Transcript> transcripts = new LinkedHashMap<>();

        Client(ClientRecorder recorder, String user) {
            this.recorder = recorder;
            this.user = user;
        }

        public String id() {
            return recorder.clientId();
        }

        /** The client's {@code link} ({@code main}, {@code send}, {@code receive}) was welcomed by {@code epoch}. */
        public Client welcome(String link, String epoch, double atMs) {
            recorder.onWelcome(new WelcomeSeen(link, ms(atMs), epoch, Map.of()));
            return this;
        }

        /** As {@link #welcome(String, String, double)}, with the server's status of each room it asked to resume. */
        public Client welcome(String link, String epoch, double atMs, Map<String, String> resume) {
            recorder.onWelcome(new WelcomeSeen(link, ms(atMs), epoch, resume));
            return this;
        }

        /** Every line of {@code room} goes away (a client that drops what an earlier epoch showed). */
        public Client clear(String room, double atMs) {
            Transcript t = at(room, atMs);
            for (TranscriptEntry entry : List.copyOf(t.entries())) {
                t.remove(entry.key());
            }
            return this;
        }

        public Client join(String room, long headSeq) {
            return join(room, headSeq, Transcript.NO_LIMIT);
        }

        /** Joins with a transcript that keeps at most {@code limit} lines ({@link Transcript#NO_LIMIT}: all). */
        public Client join(String room, long headSeq, int limit) {
            recorder.onJoined(room, headSeq);
            transcripts.put(room, new Transcript(room, recorder, limit));
            return this;
        }

        public Transcript at(String room, double atMs) {
            Transcript t = transcripts.get(room);
            t.setTime(ms(atMs));
            return t;
        }

        /** Shows {@code room} in a transcript of at most {@code limit} lines without joining it (a room shown, never joined). */
        public Client show(String room, int limit) {
            transcripts.put(room, new Transcript(room, recorder, limit));
            return this;
        }

        /** Whether the client has a transcript of {@code room} (joined or shown). */
        public boolean has(String room) {
            return transcripts.containsKey(room);
        }

        /** Appends a committed message in arrival order (event-only). */
        public Client append(Message m, double atMs) {
            at(m.room(), atMs).append(TranscriptEntry.committed(m, MessageStatus.SENT));
            return this;
        }

        /** Places a committed message by seq (ordered, gap-fill, reconcile). */
        public Client place(Message m, double atMs) {
            at(m.room(), atMs).insertBySeq(TranscriptEntry.committed(m, MessageStatus.SENT));
            return this;
        }

        /** The load sends; the client shows its pending echo at {@code echoMs} (skipped when negative). */
        public Client send(String room, String clientMsgId, double intendedMs, double actualMs, double echoMs) {
            return send(room, clientMsgId, null, intendedMs, actualMs, echoMs);
        }

        public Client send(String room, String clientMsgId, String replyTo, double intendedMs, double actualMs,
                           double echoMs) {
            recorder.onSend(new SendRecord(room, clientMsgId, ms(intendedMs), ms(actualMs), replyTo, clientMsgId));
            if (echoMs >= 0) {
                at(room, echoMs).append(TranscriptEntry.pending(clientMsgId, user, clientMsgId, replyTo));
            }
            return this;
        }

        /** The ack arrives: the echo becomes the committed message, placed by seq (reconcile). */
        public Client ackBySeq(String clientMsgId, Message m, double atMs) {
            at(m.room(), atMs).replaceBySeq(clientMsgId, TranscriptEntry.committed(m, MessageStatus.SENT));
            return this;
        }

        /** The ack arrives: the echo becomes the committed message where it is (event-only). */
        public Client ackInPlace(String clientMsgId, Message m, double atMs) {
            at(m.room(), atMs).replace(clientMsgId, TranscriptEntry.committed(m, MessageStatus.SENT));
            return this;
        }

        public Client fail(String room, String clientMsgId, double atMs) {
            at(room, atMs).advanceStatus(clientMsgId, MessageStatus.FAILED);
            return this;
        }

        public Client remove(String room, String key, double atMs) {
            at(room, atMs).remove(key);
            return this;
        }

        public Client read(String room, long seq, double atMs) {
            recorder.onReadMarked(room, seq, ms(atMs));
            return this;
        }

        public Client receipt(String room, String reader, long seq, double atMs) {
            return receipt(room, reader, ReceiptKind.READ, seq, atMs);
        }

        public Client receipt(String room, String reader, ReceiptKind kind, long seq, double atMs) {
            recorder.onReceipt(room, reader, kind, seq, ms(atMs));
            return this;
        }

        /** The client put a send on the wire (its body is its client message id, as {@link #send} records). */
        public Client transmit(String room, String clientMsgId, double atMs) {
            recorder.onTransmitted(room, clientMsgId, clientMsgId, ms(atMs));
            return this;
        }

        /** The client put a hello, join, leave or history request on {@code link}. */
        public Client request(String type, String link, double atMs) {
            recorder.onRequestSent(new RequestSent(type, link, ms(atMs)));
            return this;
        }

        /** A connection attempt on {@code link} that began at {@code atMs} and opened or was refused at {@code endedMs}. */
        public Client connect(String link, double atMs, double endedMs, boolean opened) {
            recorder.onConnectAttempt(new ConnectAttempt(link, ms(atMs), ms(endedMs), opened,
                    opened ? null : "refused"));
            return this;
        }

        /** The client received {@code messages} of {@code room} again ({@code bytes} encoded) from history. */
        public Client refetch(String room, String source, int messages, long bytes, double atMs) {
            recorder.onRefetch(new Refetch(ms(atMs), room, source, messages, bytes));
            return this;
        }

        /** A history reply of {@code room} that said the server's oldest held seq is {@code firstSeq}. */
        public Client refetch(String room, int messages, long bytes, double atMs, long firstSeq) {
            recorder.onRefetch(new Refetch(ms(atMs), room, Refetch.HISTORY, messages, bytes, firstSeq));
            return this;
        }

        /** The client put a delivered or read marker on the wire. */
        public Client marker(String room, ReceiptKind kind, long seq, double atMs) {
            recorder.onMarkerSent(room, kind, seq, ms(atMs));
            return this;
        }

        public Client delivered(String room, String key, double atMs) {
            at(room, atMs).advanceStatus(key, MessageStatus.DELIVERED);
            return this;
        }

        /** The line with {@code key} advances to {@code status} (as receipts do). */
        public Client status(String room, String key, MessageStatus status, double atMs) {
            at(room, atMs).advanceStatus(key, status);
            return this;
        }

        /** The line with {@code key} is redrawn with {@code status}, whatever it showed (a replace). */
        public Client redraw(String room, String key, MessageStatus status, double atMs) {
            Transcript t = at(room, atMs);
            t.replace(key, t.find(key).withStatus(status));
            return this;
        }
    }
}
