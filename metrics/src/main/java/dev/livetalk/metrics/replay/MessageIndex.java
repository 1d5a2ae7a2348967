package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.CommittedMessage;
import dev.livetalk.metrics.trace.RoomLog;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.metrics.trace.SendRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ties displayed entries, sends and commits of a run to {@link LogicalMessage}s. A commit
 * belongs to the send with its sender and client message id, else to the send of its sender
 * in its room with the same body (a resend under a new id), else it stands alone. An entry
 * belongs to the message of its server id; an entry without one (a local echo) to its
 * sender's send or commit with that client message id.
 *
 * <p>Commits of lost epochs ({@link RunTrace#lostCommits()}) are tied the same way, after the
 * final epoch's: a send committed in a lost epoch and again in the final one (a resend under
 * the same client message id, or the same body) is one message; an entry showing a lost
 * commit's id belongs to its message but is a line of a lost epoch ({@link #isLostLine}).
 *
 * <p>Immutable once built; any thread.
 */
public final class MessageIndex {
    /** Every logical message, in the order of {@link #all()}. */
    private final ArrayList<LogicalMessage> messages = new ArrayList<>();
    /** Per key, its message's place in {@link #messages}. */
    private final OrdinalTable ordinalByKey = new OrdinalTable(1);
    /** Per message (by its place in {@link #messages}), its place among its room's messages. */
    private int[] placeInRoom;
    /** Per room, how many messages it has. */
    private final Map<String, Integer> roomSizes = new HashMap<>();
    /** Per room, its messages' places in {@link #messages} by server id and by sender and client message id. */
    private final Map<String, RoomOrdinals> ordinalsByRoom = new HashMap<>();
    /** Per room, the server ids of lost epochs' commits. */
    private final Map<String, Set<String>> lostIds = new HashMap<>();
    /** {@link #dueOrder}'s, by room and head. */
    private final Map<DueHead, KeptDue> dueOrders = new java.util.concurrent.ConcurrentHashMap<>();

    private MessageIndex() {
    }

    /** The index of a trace. */
    public static MessageIndex of(RunTrace trace) {
        MessageIndex index = new MessageIndex();
        List<Draft> drafts = new ArrayList<>();
        OrdinalTable ordinalByBody = new OrdinalTable(3);
        for (ClientTrace client : trace.clients()) {
            for (SendRecord send : client.sends()) {
                String key = sendKey(client.clientId(), send.clientMsgId());
                int ordinal = index.draft(drafts, new Draft(key, send.room(), client.user(), client.clientId(), send),
                        true);
                index.ordinals(send.room()).byClientMsgId.put(client.user(), send.clientMsgId(), null, ordinal, false);
                if (send.body() != null) {
                    ordinalByBody.put(send.room(), client.user(), send.body(), ordinal, false);
                }
            }
        }
        for (RoomLog log : trace.serverLog().values()) {
            for (CommittedMessage commit : log.messages()) {
                int ordinal = index.ordinalOfCommit(commit, ordinalByBody, drafts, log.room());
                drafts.get(ordinal).commits.add(commit);
                RoomOrdinals ofRoom = index.ordinals(log.room());
                ofRoom.byId.put(commit.id(), null, null, ordinal, true);
                ofRoom.byClientMsgId.put(commit.message().from(), commit.message().clientMsgId(), null, ordinal, false);
            }
        }
        for (CommittedMessage commit : trace.lostCommits()) {
            String room = commit.message().room();
            int ordinal = index.ordinalOfCommit(commit, ordinalByBody, drafts, room);
            drafts.get(ordinal).lostCommits.add(commit);
            RoomOrdinals ofRoom = index.ordinals(room);
            ofRoom.byId.put(commit.id(), null, null, ordinal, false);
            index.lostIds.computeIfAbsent(room, r -> new HashSet<>()).add(commit.id());
            ofRoom.byClientMsgId.put(commit.message().from(), commit.message().clientMsgId(), null, ordinal, false);
        }
        index.placeInRoom = new int[drafts.size()];
        index.messages.ensureCapacity(drafts.size()); // as long as it is: grown, it held up to half as much again
        for (Draft draft : drafts) {
            index.placeInRoom[index.messages.size()] = index.roomSizes.merge(draft.room, 1, Integer::sum) - 1;
            index.messages.add(draft.build());
        }
        return index;
    }

    /**
     * The place of {@code draft}'s key among {@code drafts}: a new key's draft is added at the end; a
     * key drafted before keeps its place, its draft replaced by {@code draft} when {@code replace}
     * (as a map's put keeps a key's place in its insertion order).
     */
    private int draft(List<Draft> drafts, Draft draft, boolean replace) {
        int ordinal = ordinalByKey.put(draft.key, null, null, drafts.size(), false);
        if (ordinal == OrdinalTable.NONE) {
            drafts.add(draft);
            return drafts.size() - 1;
        }
        if (replace) {
            drafts.set(ordinal, draft);
        }
        return ordinal;
    }

    /**
     * The place of {@code commit}'s message among {@code drafts}: its send's by its client message id,
     * else by its body, else the message of its own id in {@code room} (drafted when new).
     */
    private int ordinalOfCommit(CommittedMessage commit, OrdinalTable ordinalByBody, List<Draft> drafts,
                                String room) {
        String in = commit.message().room();
        String from = commit.message().from();
        int ordinal = ordinalsIn(in).byClientMsgId.get(from, commit.message().clientMsgId(), null);
        if (ordinal == OrdinalTable.NONE) {
            ordinal = ordinalByBody.get(in, from, commit.message().body());
        }
        return ordinal != OrdinalTable.NONE ? ordinal
                : draft(drafts, new Draft("msg:" + in + ":" + commit.id(), room, from, null, null), false);
    }

    /** The logical message of a displayed entry in {@code room}, or {@code null} when the server never heard of it. */
    public LogicalMessage of(String room, TranscriptEntry entry) {
        RoomOrdinals ofRoom = ordinalsIn(room);
        int ordinal = entry.id() != null ? ofRoom.byId.get(entry.id())
                : ofRoom.byClientMsgId.get(entry.from(), entry.clientMsgId(), null);
        return ordinal == OrdinalTable.NONE ? null : messages.get(ordinal);
    }

    /**
     * Whether {@code entry} shows the id of a commit of a lost epoch: the server no longer has
     * that id, and its seq belongs to another seq space (a phantom at the end; never placed
     * against the final epoch's seqs).
     */
    public boolean isLostLine(String room, TranscriptEntry entry) {
        return entry.id() != null && lostIds.getOrDefault(room, Set.of()).contains(entry.id());
    }

    /** The logical message of a server id in {@code room}, or {@code null}. */
    public LogicalMessage byId(String room, String id) {
        int ordinal = ordinalsIn(room).byId.get(id);
        return ordinal == OrdinalTable.NONE ? null : messages.get(ordinal);
    }

    /** The logical message with this key, or {@code null}. */
    public LogicalMessage byKey(String key) {
        int ordinal = ordinalByKey.get(key);
        return ordinal == OrdinalTable.NONE ? null : messages.get(ordinal);
    }

    /**
     * The place of the message with key {@code key} in {@link #all()}, from 0 to its size - 1; -1
     * when it is not one of them. What figures kept per message of a client or a check are stored
     * by ({@link OwnSteps}, the correctness check of a member's final lines).
     */
    public int ordinalOf(String key) {
        return ordinalByKey.get(key);
    }

    /**
     * The place of the message with key {@code key} among the messages of {@code room}, in the order
     * of {@link #all()}, from 0 to {@link #roomSize} - 1; -1 when it is not one of them. What
     * figures kept per message of a room are stored by ({@link RoomTimes}).
     */
    public int placeInRoom(String room, String key) {
        int ordinal = ordinalByKey.get(key);
        return ordinal == OrdinalTable.NONE || !messages.get(ordinal).room().equals(room) ? -1 : placeInRoom[ordinal];
    }

    /** How many logical messages {@code room} has. */
    public int roomSize(String room) {
        return roomSizes.getOrDefault(room, 0);
    }

    /**
     * The messages of {@code log} (the server log of {@code room}) a member that joined at head
     * {@code joinedAt} becomes due for, in the order it does ({@link IntervalSampler}): made once per
     * room and head for the same log and shared by the members that ask for it (one per member was a
     * record per message of the room). Another log of the room (one a member's unreachable seqs were
     * taken out of) is ordered anew and not kept.
     */
    IntervalSampler.DueOrder dueOrder(String room, long joinedAt, List<CommittedMessage> log) {
        KeptDue kept = dueOrders.computeIfAbsent(new DueHead(room, joinedAt),
                head -> new KeptDue(log, IntervalSampler.DueOrder.of(this, room, joinedAt, log)));
        return kept.log() == log ? kept.order() : IntervalSampler.DueOrder.of(this, room, joinedAt, log);
    }

    private record DueHead(String room, long joinedAt) {
    }

    private record KeptDue(List<CommittedMessage> log, IntervalSampler.DueOrder order) {
    }

    /** Every logical message, sends first in client order, then commits without a send. */
    public List<LogicalMessage> all() {
        return Collections.unmodifiableList(messages);
    }

    /** The key of the logical message of a client's send. */
    public static String sendKey(String clientId, String clientMsgId) {
        return "send:" + clientId + ":" + clientMsgId;
    }

    /*
     * Keys of two or three strings are tables of the strings themselves ({@link OrdinalTable}), not
     * the strings joined: a joined key copied the strings' bytes at every look-up (the replays look
     * a line's message up at every change: 44 million joined ids, 3.9 GB with their bytes, in the
     * 1,000-client minute's measurement and self-check), and the index kept a joined copy of every
     * message's id and client message id.
     */

    /**
     * A room's messages' places in {@link #messages} by server id and by sender and client message id:
     * tables per room, so that a key does not hold its room (4 bytes a slot, 2 to 4 slots a message in
     * each table).
     */
    private static final class RoomOrdinals {
        /** No room's: what a room without messages is looked up in. */
        static final RoomOrdinals NONE = new RoomOrdinals();

        final OrdinalTable byId = new OrdinalTable(1);
        final OrdinalTable byClientMsgId = new OrdinalTable(2);
    }

    /** {@code room}'s tables, made when it has none; while the index is built. */
    private RoomOrdinals ordinals(String room) {
        return ordinalsByRoom.computeIfAbsent(room, r -> new RoomOrdinals());
    }

    /** {@code room}'s tables, empty ones when it has none. */
    private RoomOrdinals ordinalsIn(String room) {
        return ordinalsByRoom.getOrDefault(room, RoomOrdinals.NONE);
    }

    private static final class Draft {
        final String key;
        final String room;
        final String from;
        final String clientId;
        final SendRecord send;
        final List<CommittedMessage> commits = new ArrayList<>();
        final List<CommittedMessage> lostCommits = new ArrayList<>();

        Draft(String key, String room, String from, String clientId, SendRecord send) {
            this.key = key;
            this.room = room;
            this.from = from;
            this.clientId = clientId;
            this.send = send;
        }

        LogicalMessage build() {
            commits.sort(Comparator.comparingLong(CommittedMessage::seq));
            return new LogicalMessage(key, room, from, clientId, send, commits, lostCommits);
        }
    }
}
