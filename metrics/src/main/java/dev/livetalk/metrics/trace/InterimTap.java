package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The <em>interim</em> figures of a run, computed online from its events as they are recorded
 * (a tap beside {@link TraceRecorder} and its {@link ClientRecorder}s), for the live view of a
 * long run: sends, commits, acknowledgements, and the echo, peer-first and scheduling-lag
 * latencies of each {@link #interval interval} (a minute of run time in a run). They are not
 * the run's measurement, which replays the whole trace after the play (docs/METRICS.md): a
 * message is tied to its send by its client message id only (a resend under another id, as a
 * naive retry makes, has no peer-first sample here), samples fall in the interval in which the
 * display happened, and an entry is forgotten {@link #KEEP} after its intended send.
 *
 * <p>Definitions, as in the measurement: echo is from a send's intended time to its first line
 * at its sending client; peer-first from the intended time to the first line at each other
 * client (each client counts once per message); scheduling lag from intended to actual send;
 * pending is sends minus sends whose sender saw them committed (acknowledged).
 *
 * <p>Bounded memory: the only per-message state is the map of messages in flight, keyed by
 * client message id. An entry is removed as soon as it is settled (echoed and acknowledged at
 * its sender, and shown at every client that had joined the room when it was sent), and every
 * {@link #interval} removes the entries intended more than {@link #KEEP} before (a message
 * lost, or a client that never shows it). So the map holds at most the sends of the last
 * {@code KEEP} plus one interval, whatever the run's length; each entry is one small object
 * and a bit set of one bit per client of the run. The latencies go into HdrHistogram
 * {@link Recorder}s (fixed size, wait-free to record, swapped per interval). Nothing is
 * allocated per delivery: a delivery is one map look-up and, the first time at that client,
 * one bit.
 *
 * <p>Thread-safe: events come from every client's thread; {@link #interval} from one thread
 * at a time (the run's minute action).
 */
public final class InterimTap {
    /** How long after its intended send a message is followed before it is forgotten. */
    public static final Duration KEEP = Duration.ofMinutes(2);
    private static final long KEEP_NANOS = KEEP.toNanos();
    /** Latencies are recorded in microseconds; a histogram resizes to fit (one allocation when it grows). */
    private static final int DIGITS = 2;

    private final Recorder echo = new Recorder(DIGITS);
    private final Recorder peerFirst = new Recorder(DIGITS);
    private final Recorder schedulingLag = new Recorder(DIGITS);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicInteger clients = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();
    // interval state: only the thread calling interval()
    private long sentBefore;
    private long committedBefore;
    private Histogram echoRecycled;
    private Histogram peerRecycled;
    private Histogram lagRecycled;

    /** One message followed until it settles; guarded by itself. */
    private static final class InFlight {
        final int sender;
        final long intendedAt;
        final int peersExpected;
        boolean echoed;
        boolean acked;
        int peersShown;
        BitSet peers;

        InFlight(int sender, long intendedAt, int peersExpected) {
            this.sender = sender;
            this.intendedAt = intendedAt;
            this.peersExpected = peersExpected;
        }

        boolean settled() {
            return echoed && acked && peersShown >= peersExpected;
        }
    }

    /**
     * The figures of one interval.
     *
     * @param sent                 sends handed to clients in the interval
     * @param committed            commits by the server in the interval
     * @param pending              sends so far minus those acknowledged to their sender so far
     * @param echoP99Nanos         echo p99 of the echoes shown in the interval, or -1 without one
     * @param peerFirstP99Nanos    peer-first p99 of the first lines shown at peers in the interval, or -1
     * @param schedulingLagP99Nanos scheduling-lag p99 of the interval's sends, or -1
     * @param followed             messages followed at the interval's end (the in-flight map's size)
     */
    public record Interval(long sent, long committed, long pending, long echoP99Nanos, long peerFirstP99Nanos,
                           long schedulingLagP99Nanos, int followed) {
    }

    /** A number for a new client, its bit in the messages' peer sets. */
    int register() {
        return clients.getAndIncrement();
    }

    /** A client joined {@code room} (the first time). */
    void onJoined(String room) {
        members.computeIfAbsent(room, r -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Client {@code client} was asked to send {@code send}; its echo showed at {@code echoedAt}
     * (when the line appeared while the client was asked, before the send was recorded), or -1.
     */
    void onSend(int client, SendRecord send, long echoedAt) {
        sent.incrementAndGet();
        schedulingLag.recordValue(micros(send.actualAt() - send.intendedAt()));
        AtomicInteger joined = members.get(send.room());
        InFlight flight = new InFlight(client, send.intendedAt(), joined == null ? 0 : Math.max(0, joined.get() - 1));
        if (echoedAt >= 0) {
            flight.echoed = true;
            echo.recordValue(micros(echoedAt - send.intendedAt()));
        }
        inFlight.put(send.clientMsgId(), flight);
    }

    /** The server committed a message. */
    void onCommitted() {
        committed.incrementAndGet();
    }

    /** Client {@code client} changed what it displays. */
    void onChange(int client, TranscriptChange change) {
        if (change instanceof TranscriptChange.Removed || change instanceof TranscriptChange.Moved) {
            return;
        }
        TranscriptEntry entry = change.entry();
        String key = entry.clientMsgId();
        InFlight flight = key == null ? null : inFlight.get(key);
        if (flight == null) {
            return;
        }
        boolean settled;
        synchronized (flight) {
            if (flight.sender == client) {
                if (!flight.echoed) {
                    flight.echoed = true;
                    echo.recordValue(micros(change.at() - flight.intendedAt));
                }
                if (!flight.acked && entry.isCommitted()) {
                    flight.acked = true;
                    acked.incrementAndGet();
                }
            } else if (change instanceof TranscriptChange.Inserted) {
                if (flight.peers == null) {
                    flight.peers = new BitSet(clients.get());
                }
                if (!flight.peers.get(client)) {
                    flight.peers.set(client);
                    flight.peersShown++;
                    peerFirst.recordValue(micros(change.at() - flight.intendedAt));
                }
            }
            settled = flight.settled();
        }
        if (settled) {
            inFlight.remove(key, flight);
        }
    }

    /**
     * The figures since the last call (or since the tap was made), at {@code now} on the trace
     * clock; forgets the messages intended more than {@link #KEEP} before {@code now}.
     */
    public Interval interval(long now) {
        inFlight.values().removeIf(f -> now - f.intendedAt > KEEP_NANOS);
        long sentNow = sent.get();
        long committedNow = committed.get();
        echoRecycled = echo.getIntervalHistogram(echoRecycled);
        peerRecycled = peerFirst.getIntervalHistogram(peerRecycled);
        lagRecycled = schedulingLag.getIntervalHistogram(lagRecycled);
        Interval interval = new Interval(sentNow - sentBefore, committedNow - committedBefore,
                sentNow - acked.get(), p99(echoRecycled), p99(peerRecycled), p99(lagRecycled), inFlight.size());
        sentBefore = sentNow;
        committedBefore = committedNow;
        return interval;
    }

    /** Messages followed now (for tests: the map is bounded). */
    public int followed() {
        return inFlight.size();
    }

    private static long p99(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(99) * 1_000;
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos) / 1_000;
    }
}
