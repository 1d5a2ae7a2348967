package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The status steps of a client's own messages in one room ({@link RoomReplay#ownStatus()}), held
 * as arrays: per message key, its {@link StatusStep}s in order. Each step takes about 26 bytes and
 * each message 20 more, where a map of lists of {@link StatusStep} took about 64 bytes a step and
 * 120 a message. A room's replay keeps one per member, together about five steps for every message
 * of the room (at its sender: pending, sent, delivered, read, evicted).
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
    private final long[] entryNos;
    private final long[] seqs;
    /** Each step's previous status's ordinal plus one (0: none), and its status's ordinal. */
    private final byte[] previous;
    private final byte[] statuses;
    private final BitSet evicted;

    /** The steps {@code built} noted, put together by message as {@code grouped} says ({@link #group}). */
    private StatusSteps(Builder built, int[][] grouped) {
        super(grouped[0]);
        int messages = built.messages;
        int steps = built.steps;
        this.index = built.index;
        this.room = built.room;
        this.keys = Arrays.copyOf(built.keys, messages);
        // the steps were noted in time order, the messages' interleaved: each message's are put together
        int[] placeOf = grouped[1];
        this.ats = new long[steps];
        this.entryNos = new long[steps];
        this.seqs = new long[steps];
        this.previous = new byte[steps];
        this.statuses = new byte[steps];
        this.evicted = new BitSet(steps);
        for (int i = 0; i < steps; i++) {
            int to = placeOf[i];
            ats[to] = built.ats[i];
            entryNos[to] = built.entryNos[i];
            seqs[to] = built.seqs[i];
            previous[to] = built.previous[i];
            statuses[to] = built.statuses[i];
            evicted.set(to, built.evicted.get(i));
        }
        this.places = new int[messages];
        this.messageAt = new int[messages];
        int found = 0;
        for (int place = 0; place < built.messageAtPlace.length; place++) {
            if (built.messageAtPlace[place] > 0) {
                places[found] = place;
                messageAt[found++] = built.messageAtPlace[place] - 1;
            }
        }
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
    StatusStep step(int at) {
        return new StatusStep(ats[at], entryNos[at], previous[at] == 0 ? null : STATUSES[previous[at] - 1],
                STATUSES[statuses[at]], seqs[at], evicted.get(at));
    }

    /**
     * The steps of a client's own messages of {@code room} being noted, in time order.
     *
     * <p>Single use, single thread.
     */
    static final class Builder {
        private final MessageIndex index;
        private final String room;
        /** Per place in the room, its message's number plus one (0: no step yet). */
        private final int[] messageAtPlace;
        /** Per message, in the order of its first step: its key and its last step. */
        private String[] keys = new String[16];
        private int[] lastStep = new int[16];
        private int messages;
        /** Per step, in the order noted: its message, and its fields. */
        private int[] messageOf = new int[16];
        private long[] ats = new long[16];
        private long[] entryNos = new long[16];
        private long[] seqs = new long[16];
        private byte[] previous = new byte[16];
        private byte[] statuses = new byte[16];
        private final BitSet evicted = new BitSet();
        private int steps;

        Builder(MessageIndex index, String room) {
            this.index = index;
            this.room = room;
            this.messageAtPlace = new int[index.roomSize(room)];
        }

        /** Notes {@code step} of {@code message}, after its earlier ones. */
        void add(LogicalMessage message, StatusStep step) {
            int place = index.placeInRoom(room, message.key());
            if (place < 0) {
                throw new IllegalArgumentException("message " + message.key() + " is not one of room " + room);
            }
            int m = messageAtPlace[place] - 1;
            if (m < 0) {
                m = messages++;
                if (m == keys.length) {
                    keys = Arrays.copyOf(keys, m * 2);
                    lastStep = Arrays.copyOf(lastStep, m * 2);
                }
                keys[m] = message.key();
                messageAtPlace[place] = m + 1;
            }
            if (steps == ats.length) {
                int grown = steps * 2;
                messageOf = Arrays.copyOf(messageOf, grown);
                ats = Arrays.copyOf(ats, grown);
                entryNos = Arrays.copyOf(entryNos, grown);
                seqs = Arrays.copyOf(seqs, grown);
                previous = Arrays.copyOf(previous, grown);
                statuses = Arrays.copyOf(statuses, grown);
            }
            messageOf[steps] = m;
            ats[steps] = step.at();
            entryNos[steps] = step.entryNo();
            seqs[steps] = step.seq();
            previous[steps] = (byte) (step.previous() == null ? 0 : step.previous().ordinal() + 1);
            statuses[steps] = (byte) step.status().ordinal();
            evicted.set(steps, step.evicted());
            lastStep[m] = steps;
            steps++;
        }

        /** The status of {@code message}'s last step, or {@code null} when it has none. */
        MessageStatus lastStatus(LogicalMessage message) {
            int place = index.placeInRoom(room, message.key());
            int m = place < 0 ? -1 : messageAtPlace[place] - 1;
            return m < 0 ? null : STATUSES[statuses[lastStep[m]]];
        }

        /** The steps noted; the builder is not used after. */
        StatusSteps build() {
            return new StatusSteps(this, group(messages, messageOf, steps));
        }
    }
}
