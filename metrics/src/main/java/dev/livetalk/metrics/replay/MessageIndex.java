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
import java.util.LinkedHashMap;
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
    private final List<LogicalMessage> messages = new ArrayList<>();
    /** Per key, its message's place in {@link #messages}. */
    private final Map<String, Integer> ordinalByKey = new HashMap<>();
    /** Per message (by its place in {@link #messages}), its place among its room's messages. */
    private int[] placeInRoom;
    /** Per room, how many messages it has. */
    private final Map<String, Integer> roomSizes = new HashMap<>();
    /** Per room, per server id, the message's key. */
    private final Map<String, Map<String, String>> keyById = new HashMap<>();
    private final Map<BySender, String> keyByClientMsgId = new HashMap<>();
    /** Per room, the server ids of lost epochs' commits. */
    private final Map<String, Set<String>> lostIds = new HashMap<>();

    private MessageIndex() {
    }

    /** The index of a trace. */
    public static MessageIndex of(RunTrace trace) {
        MessageIndex index = new MessageIndex();
        Map<String, Draft> drafts = new LinkedHashMap<>();
        Map<BySender, String> keyByBody = new HashMap<>();
        for (ClientTrace client : trace.clients()) {
            for (SendRecord send : client.sends()) {
                String key = sendKey(client.clientId(), send.clientMsgId());
                drafts.put(key, new Draft(key, send.room(), client.user(), client.clientId(), send));
                index.keyByClientMsgId.putIfAbsent(cmKey(send.room(), client.user(), send.clientMsgId()), key);
                if (send.body() != null) {
                    keyByBody.putIfAbsent(cmKey(send.room(), client.user(), send.body()), key);
                }
            }
        }
        for (RoomLog log : trace.serverLog().values()) {
            for (CommittedMessage commit : log.messages()) {
                String key = index.keyOfCommit(commit, keyByBody);
                drafts.computeIfAbsent(key, k -> new Draft(k, log.room(), commit.message().from(), null, null))
                        .commits.add(commit);
                index.ids(log.room()).put(commit.id(), key);
                index.keyByClientMsgId.putIfAbsent(cmKey(log.room(), commit.message().from(),
                        commit.message().clientMsgId()), key);
            }
        }
        for (CommittedMessage commit : trace.lostCommits()) {
            String room = commit.message().room();
            String key = index.keyOfCommit(commit, keyByBody);
            drafts.computeIfAbsent(key, k -> new Draft(k, room, commit.message().from(), null, null))
                    .lostCommits.add(commit);
            index.ids(room).putIfAbsent(commit.id(), key);
            index.lostIds.computeIfAbsent(room, r -> new HashSet<>()).add(commit.id());
            index.keyByClientMsgId.putIfAbsent(cmKey(room, commit.message().from(), commit.message().clientMsgId()),
                    key);
        }
        index.placeInRoom = new int[drafts.size()];
        for (Draft draft : drafts.values()) {
            index.placeInRoom[index.messages.size()] = index.roomSizes.merge(draft.room, 1, Integer::sum) - 1;
            index.ordinalByKey.put(draft.key, index.messages.size());
            index.messages.add(draft.build());
        }
        return index;
    }

    private String keyOfCommit(CommittedMessage commit, Map<BySender, String> keyByBody) {
        String room = commit.message().room();
        String from = commit.message().from();
        String key = keyByClientMsgId.get(cmKey(room, from, commit.message().clientMsgId()));
        if (key == null) {
            key = keyByBody.get(cmKey(room, from, commit.message().body()));
        }
        return key != null ? key : "msg:" + room + ":" + commit.id();
    }

    /** The logical message of a displayed entry in {@code room}, or {@code null} when the server never heard of it. */
    public LogicalMessage of(String room, TranscriptEntry entry) {
        String key = entry.id() != null ? keyById(room, entry.id())
                : keyByClientMsgId.get(cmKey(room, entry.from(), entry.clientMsgId()));
        return key == null ? null : byKey(key);
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
        String key = keyById(room, id);
        return key == null ? null : byKey(key);
    }

    /** The logical message with this key, or {@code null}. */
    public LogicalMessage byKey(String key) {
        Integer ordinal = ordinalByKey.get(key);
        return ordinal == null ? null : messages.get(ordinal);
    }

    /**
     * The place of the message with key {@code key} among the messages of {@code room}, in the order
     * of {@link #all()}, from 0 to {@link #roomSize} - 1; -1 when it is not one of them. What
     * figures kept per message of a room are stored by ({@link ShownTimes}).
     */
    public int placeInRoom(String room, String key) {
        Integer ordinal = ordinalByKey.get(key);
        return ordinal == null || !messages.get(ordinal).room().equals(room) ? -1 : placeInRoom[ordinal];
    }

    /** How many logical messages {@code room} has. */
    public int roomSize(String room) {
        return roomSizes.getOrDefault(room, 0);
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
     * Keys of two or three strings are maps by room, or records, not the strings joined: a joined
     * key copied the strings' bytes at every look-up (the replays look a line's message up at
     * every change: 44 million joined ids, 3.9 GB with their bytes, in the 1,000-client minute's
     * measurement and self-check), and the index kept a joined copy of every message's id and
     * client message id.
     */

    private Map<String, String> ids(String room) {
        return keyById.computeIfAbsent(room, r -> new HashMap<>());
    }

    private String keyById(String room, String id) {
        Map<String, String> ids = keyById.get(room);
        return ids == null ? null : ids.get(id);
    }

    private static BySender cmKey(String room, String from, String clientMsgIdOrBody) {
        return new BySender(room, from, clientMsgIdOrBody);
    }

    /** A sender's client message id, or the body of its send, in a room. */
    private record BySender(String room, String from, String clientMsgIdOrBody) {
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
