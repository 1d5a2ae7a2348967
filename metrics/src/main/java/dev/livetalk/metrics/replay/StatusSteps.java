package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;

import com.carrotsearch.hppc.IntIntHashMap;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The status steps of a client's own messages in one room ({@link RoomReplay#ownStatus()}), held
 * as arrays: per message key, its {@link StatusStep}s in order. Each step takes about 10 bytes and
 * each message 20 more, where a map of lists of {@link StatusStep} took about 64 bytes a step and
 * 120 a message. A room's replay keeps one per member, together about five steps for every message
 * of the room (at its sender: pending, sent, delivered, read, evicted).
 *
 * <p>A step's seq is nearly always 0 (a pending line's) or its message's first
 * ({@link LogicalMessage#firstSeq}): those are a bit each, and only another seq (a line of a lost
 * epoch's commit, or of a second commit) is kept as a number, 12 bytes, where every step's took 8.
 *
 * <p>The steps of a message are stored together ({@link StepRuns}), the messages in the order of
 * their first step (the order of the map's entries); a message is found by its place in its room
 * ({@link MessageIndex#placeInRoom}). Immutable once built; any thread.
 */
final class StatusSteps extends StepRuns<StatusStep> {
    private static final MessageStatus[] STATUSES = MessageStatus.values();

    private final MessageIndex index;
    private final String room;
    /** Per message (in the order of its first step), its key. */
    private final String[] keys;
    /** The messages' places in the room ({@link MessageIndex#placeInRoom}), ascending, and each one's number. */
    private final int[] places;
    private final int[] messageAt;
    private final long[] ats;
    /** The steps whose seq is 0, and those whose seq is their message's first. */
    private final BitSet noSeq;
    private final BitSet firstSeq;
    /** The places of the steps with another seq, ascending, and each one's seq. */
    private final int[] otherAt;
    private final long[] otherSeqs;
    /** Each step's previous status's ordinal plus one (0: none), and its status's ordinal. */
    private final byte[] previous;
    private final byte[] statuses;
    private final BitSet evicted;

    /**
     * The steps {@code built} noted, put together by message as {@code grouped} says ({@link #group});
     * each of the builder's columns is let go as it is copied.
     */
    private StatusSteps(Builder built, int[][] grouped) {
        super(grouped[0]);
        int messages = built.messages;
        int steps = built.ats.size();
        this.index = built.index;
        this.room = built.room;
        this.keys = Arrays.copyOf(built.keys, messages);
        // the steps were noted in time order, the messages' interleaved: each message's are put together
        int[] placeOf = grouped[1];
        this.ats = built.ats.moveTo(placeOf);
        this.noSeq = moved(built.noSeq, placeOf, steps);
        this.firstSeq = moved(built.firstSeq, placeOf, steps);
        int others = built.otherAt.size();
        long[][] byPlace = new long[others][];
        for (int i = 0; i < others; i++) {
            byPlace[i] = new long[] {placeOf[built.otherAt.get(i)], built.otherSeqs.get(i)};
        }
        Arrays.sort(byPlace, (a, b) -> Long.compare(a[0], b[0]));
        this.otherAt = new int[others];
        this.otherSeqs = new long[others];
        for (int i = 0; i < others; i++) {
            otherAt[i] = (int) byPlace[i][0];
            otherSeqs[i] = byPlace[i][1];
        }
        built.otherAt.clear();
        built.otherSeqs.clear();
        this.previous = built.previous.moveTo(placeOf);
        this.statuses = built.statuses.moveTo(placeOf);
        this.evicted = moved(built.evicted, placeOf, steps);
        int[][] numbers = sorted(built.numberAtPlace);
        this.places = numbers[0];
        this.messageAt = numbers[1];
    }

    /** The steps of {@code noted} (by the order noted) at their places. */
    private static BitSet moved(BitSet noted, int[] placeOf, int steps) {
        BitSet at = new BitSet(steps);
        for (int i = noted.nextSetBit(0); i >= 0; i = noted.nextSetBit(i + 1)) {
            at.set(placeOf[i]);
        }
        return at;
    }

    @Override
    String keyOf(int message) {
        return keys[message];
    }

    @Override
    int messageOf(String key) {
        int place = index.placeInRoom(room, key);
        int found = place < 0 ? -1 : Arrays.binarySearch(places, place);
        return found < 0 ? -1 : messageAt[found];
    }

    @Override
    StatusStep step(int message, int at) {
        return new StatusStep(ats[at], previous[at] == 0 ? null : STATUSES[previous[at] - 1],
                STATUSES[statuses[at]], seq(message, at), evicted.get(at));
    }

    private long seq(int message, int at) {
        if (noSeq.get(at)) {
            return 0;
        }
        return firstSeq.get(at) ? index.byKey(keys[message]).firstSeq() : otherSeqs[Arrays.binarySearch(otherAt, at)];
    }

    /**
     * The steps of a client's own messages of {@code room} being noted, in time order.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private final MessageIndex index;
        private final String room;
        /** Per place in the room of a message with a step, its message's number. */
        private final IntIntHashMap numberAtPlace = numbers();
        /** Per message, in the order of its first step: its key and its last step. */
        private String[] keys = new String[16];
        private int[] lastStep = new int[16];
        private int messages;
        /** Per step, in the order noted: its message, and its fields. */
        private final Blocks.Ints messageOf = new Blocks.Ints();
        private final Blocks.Longs ats = new Blocks.Longs();
        private final BitSet noSeq = new BitSet();
        private final BitSet firstSeq = new BitSet();
        private final Blocks.Ints otherAt = new Blocks.Ints();
        private final Blocks.Longs otherSeqs = new Blocks.Longs();
        private final Blocks.Bytes previous = new Blocks.Bytes();
        private final Blocks.Bytes statuses = new Blocks.Bytes();
        private final BitSet evicted = new BitSet();

        Builder(MessageIndex index, String room) {
            this.index = index;
            this.room = room;
        }

        /** Notes {@code step} of {@code message}, after its earlier ones. */
        void add(LogicalMessage message, StatusStep step) {
            int place = index.placeInRoom(room, message.key());
            if (place < 0) {
                throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
            }
            int m = numberAtPlace.getOrDefault(place, -1);
            if (m < 0) {
                m = messages++;
                if (m == keys.length) {
                    keys = Arrays.copyOf(keys, m * 2);
                    lastStep = Arrays.copyOf(lastStep, m * 2);
                }
                keys[m] = message.key();
                numberAtPlace.put(place, m);
            }
            int steps = ats.size();
            messageOf.add(m);
            ats.add(step.at());
            if (step.seq() == 0) {
                noSeq.set(steps);
            } else if (step.seq() == message.firstSeq()) {
                firstSeq.set(steps);
            } else {
                otherAt.add(steps);
                otherSeqs.add(step.seq());
            }
            previous.add((byte) (step.previous() == null ? 0 : step.previous().ordinal() + 1));
            statuses.add((byte) step.status().ordinal());
            if (step.evicted()) {
                evicted.set(steps);
            }
            lastStep[m] = steps;
        }

        /** The status of {@code message}'s last step, or {@code null} when it has none. */
        MessageStatus lastStatus(LogicalMessage message) {
            int place = index.placeInRoom(room, message.key());
            int m = place < 0 ? -1 : numberAtPlace.getOrDefault(place, -1);
            return m < 0 ? null : STATUSES[statuses.get(lastStep[m])];
        }

        /** The steps noted; the builder is not used after. */
        StatusSteps build() {
            int[][] grouped = group(messages, messageOf);
            messageOf.clear();
            StatusSteps built = new StatusSteps(this, grouped);
            keys = null;
            lastStep = null;
            return built;
        }
    }
}
