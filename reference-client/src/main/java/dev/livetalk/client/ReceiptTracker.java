package dev.livetalk.client;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.protocol.ReceiptKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns other members' delivered and read markers into the status of the user's own
 * messages: an own message is DELIVERED once any other member's delivered marker reaches its
 * seq, READ once any other member's read marker does.
 *
 * <p>Receipts arrive for every member of a room, so this is on the hot path of a large run:
 * the own messages waiting for a marker sit in seq-sorted arrays (a marker releases a prefix)
 * rather than in {@code TreeMap}s, whose views and boxed keys were an eighth of a simulated
 * client's allocation.
 *
 * <p>Not thread-safe: owned by one session, on its owner thread.
 */
final class ReceiptTracker {
    private final Map<String, RoomReceipts> rooms = new HashMap<>();
    /** The room last looked up and its receipts, compared before the map is hashed into. */
    private String lastRoom;
    private RoomReceipts lastReceipts;

    /**
     * The server's history changed (a new epoch): the markers seen and the own messages waiting
     * for them are of the old seq space; a new-epoch message at a seq an old marker reached is
     * not read for that.
     */
    void onEpochChanged() {
        rooms.clear();
        lastRoom = null;
        lastReceipts = null;
    }

    /** An own message was committed at {@code seq} with {@code id}. */
    void onOwnCommit(String room, long seq, String id, Transcript transcript) {
        RoomReceipts r = room(room);
        if (seq <= r.readMarker) {
            transcript.advanceStatus(id, MessageStatus.READ);
            return;
        }
        r.notRead.put(seq, id);
        if (seq <= r.deliveredMarker) {
            transcript.advanceStatus(id, MessageStatus.DELIVERED);
        } else {
            r.notDelivered.put(seq, id);
        }
    }

    /** Another member's marker advanced. */
    void onReceipt(String room, ReceiptKind kind, long seq, Transcript transcript) {
        RoomReceipts r = room(room);
        if (kind == ReceiptKind.READ) {
            r.readMarker = Math.max(r.readMarker, seq);
            r.notDelivered.release(seq, null, null);
            r.notRead.release(seq, transcript, MessageStatus.READ);
        } else {
            r.deliveredMarker = Math.max(r.deliveredMarker, seq);
            r.notDelivered.release(seq, transcript, MessageStatus.DELIVERED);
        }
    }

    private RoomReceipts room(String room) {
        if (lastRoom != null && lastRoom.equals(room)) {
            return lastReceipts;
        }
        RoomReceipts r = rooms.get(room);
        if (r == null) {
            r = new RoomReceipts();
            rooms.put(room, r);
        }
        lastRoom = room;
        lastReceipts = r;
        return r;
    }

    private static final class RoomReceipts {
        long deliveredMarker;
        long readMarker;
        final Waiting notDelivered = new Waiting();
        final Waiting notRead = new Waiting();
    }

    /** Own messages waiting for a marker, sorted by seq, in {@code [head, tail)}. */
    static final class Waiting {
        private long[] seqs = new long[8];
        private String[] ids = new String[8];
        private int head;
        private int tail;

        /** Adds (or, for a seq already waiting, renames) an own message. */
        void put(long seq, String id) {
            makeRoom();
            if (head == tail || seq > seqs[tail - 1]) {
                seqs[tail] = seq;
                ids[tail] = id;
                tail++;
                return;
            }
            int i = Arrays.binarySearch(seqs, head, tail, seq);
            if (i >= 0) {
                ids[i] = id;
                return;
            }
            int at = -i - 1;
            System.arraycopy(seqs, at, seqs, at + 1, tail - at);
            System.arraycopy(ids, at, ids, at + 1, tail - at);
            seqs[at] = seq;
            ids[at] = id;
            tail++;
        }

        /**
         * A marker reached {@code upTo}: every waiting message at or below it gets
         * {@code status}, in seq order, and stops waiting; one not shown in {@code transcript}
         * (yet) keeps waiting. Without a transcript they all stop waiting.
         */
        void release(long upTo, Transcript transcript, MessageStatus status) {
            int end = head;
            boolean kept = false;
            for (; end < tail && seqs[end] <= upTo; end++) {
                if (transcript == null) {
                    ids[end] = null;
                } else if (transcript.find(ids[end]) != null) {
                    transcript.advanceStatus(ids[end], status);
                    ids[end] = null;
                } else {
                    kept = true;
                }
            }
            int newHead = end;
            if (kept) {
                for (int j = end - 1; j >= head; j--) {
                    if (ids[j] != null) {
                        newHead--;
                        seqs[newHead] = seqs[j];
                        ids[newHead] = ids[j];
                    }
                }
                Arrays.fill(ids, head, newHead, null);
            }
            head = newHead;
            if (head == tail) {
                head = 0;
                tail = 0;
            }
        }

        /** How many are waiting. */
        int size() {
            return tail - head;
        }

        private void makeRoom() {
            if (tail < seqs.length) {
                return;
            }
            int size = tail - head;
            if (size * 2 > seqs.length) {
                seqs = Arrays.copyOf(seqs, seqs.length * 2);
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            System.arraycopy(seqs, head, seqs, 0, size);
            System.arraycopy(ids, head, ids, 0, size);
            Arrays.fill(ids, size, tail, null);
            head = 0;
            tail = size;
        }
    }
}
