package dev.livetalk.runner;

import dev.livetalk.client.ClientSession;
import dev.livetalk.client.Link;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.client.tyrus.DrivenClient;
import dev.livetalk.client.tyrus.FrameTap;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptListener;
import dev.livetalk.metrics.trace.ClientRecorder;
import dev.livetalk.metrics.trace.SendRecord;
import dev.livetalk.metrics.trace.TraceRecorder;
import dev.livetalk.protocol.Joined;
import dev.livetalk.protocol.Receipt;
import dev.livetalk.protocol.ServerEvent;
import dev.livetalk.protocol.Welcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated user of a run: its hosted session, its trace recorder and its reading habit.
 *
 * <p>Threads: everything but {@link #hasJoinedAll()} runs on the client driver's owner thread.
 */
final class Participant implements FrameTap, TranscriptListener {
    private final String clientId;
    private final String user;
    private final List<String> rooms;
    private final Map<String, Long> joinedAt = new ConcurrentHashMap<>();
    private volatile ClientRecorder recorder;
    private final Map<String, Long> readUpTo = new HashMap<>();
    private final Map<String, SeqWatermark> shown = new HashMap<>();
    private final Set<String> joinedRooms = ConcurrentHashMap.newKeySet();
    private final Runnable onJoinedAll;
    private final AtomicInteger welcomes = new AtomicInteger();
    private DrivenClient client;

    /**
     * @param onJoinedAll run once, on the driver's owner thread, when every room has been
     *                    joined at least once
     */
    Participant(String clientId, String user, List<String> rooms, Runnable onJoinedAll) {
        this.clientId = clientId;
        this.user = user;
        this.rooms = List.copyOf(rooms);
        this.onJoinedAll = onJoinedAll;
    }

    /**
     * Starts recording into {@code trace}, with the rooms joined so far. Until then (while
     * clients connect) nothing but joins happens, and joins are kept here.
     */
    void recordInto(TraceRecorder trace) {
        ClientRecorder client = trace.client(clientId, user);
        joinedAt.forEach(client::onJoined);
        recorder = client;
    }

    void attach(DrivenClient driven) {
        this.client = driven;
    }

    String user() {
        return user;
    }

    List<String> rooms() {
        return rooms;
    }

    DrivenClient client() {
        return client;
    }

    @Override
    public void onChange(TranscriptChange change) {
        SeqWatermark watermark = shown.computeIfAbsent(change.room(), room -> new SeqWatermark());
        if (change instanceof TranscriptChange.Removed) {
            watermark.onRemoved();
        } else if (change.entry().seq() > 0) {
            watermark.onShown(change.entry().seq());
        }
        ClientRecorder current = recorder;
        if (current == null) {
            throw new IllegalStateException(user + "'s transcript changed before the load began: " + change);
        }
        current.onChange(change);
    }

    /** Records a send of the load. Owner thread, after {@link #recordInto}. */
    void onSend(SendRecord send) {
        recorder.onSend(send);
    }

    /** Welcomes received on any link: 1 per link for a client that never reconnected; any thread. */
    int welcomes() {
        return welcomes.get();
    }

    String clientId() {
        return clientId;
    }

    /** Whether every room was joined at least once; any thread. */
    boolean hasJoinedAll() {
        return joinedRooms.size() == rooms.size();
    }

    @Override
    public void onFrame(Link link, ServerEvent event, long now) {
        switch (event) {
            case Joined j when link.role().receives() && rooms.contains(j.room()) -> {
                joinedAt.putIfAbsent(j.room(), j.headSeq());
                if (joinedRooms.add(j.room()) && joinedRooms.size() == rooms.size()) {
                    onJoinedAll.run();
                }
                ClientRecorder current = recorder;
                if (current != null) {
                    current.onJoined(j.room(), j.headSeq());
                }
            }
            case Welcome w -> welcomes.incrementAndGet();
            case Receipt r when recorder != null -> recorder.onReceipt(r.room(), r.user(), r.kind(), r.seq(), now);
            default -> {
            }
        }
    }

    /** The user reads what is on screen: marks the highest contiguous seq of each room read. */
    void readNow(long now) {
        client.act(session -> {
            for (String room : rooms) {
                long upTo = contiguousSeq(session, room);
                if (upTo > readUpTo.getOrDefault(room, 0L)) {
                    readUpTo.put(room, upTo);
                    session.markRead(room, upTo, now);
                    recorder.onReadMarked(room, upTo, now);
                }
            }
        });
    }

    /** The id of the newest committed message the user sees in {@code room}, or {@code null}. */
    String newestCommittedId(ClientSession session, String room) {
        TranscriptEntry newest = session.transcript(room).lastCommitted();
        return newest == null ? null : newest.id();
    }

    /** Records what each room shows now, as the final transcripts. */
    void recordFinalTranscripts() {
        for (String room : rooms) {
            recorder.onFinalTranscript(room, client.session().transcript(room).entries());
        }
    }

    private long contiguousSeq(ClientSession session, String room) {
        SeqWatermark watermark = shown.computeIfAbsent(room, r -> new SeqWatermark());
        if (watermark.isStale()) {
            List<Long> seqs = new ArrayList<>();
            for (TranscriptEntry entry : session.transcript(room).entries()) {
                if (entry.seq() > 0) {
                    seqs.add(entry.seq());
                }
            }
            watermark.recount(seqs);
        }
        return watermark.contiguous();
    }
}
