package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.trace.CommittedMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays one client's changes of one room, in order: keeps the {@link DisplayOrder} and notes,
 * per logical message, when it was first shown, acknowledged or failed, whether it went
 * missing after it was due, and whether a reply came before its parent. The prefix state is
 * observed once per distinct change time, so the steps of one input (replace, then move) do
 * not count as a transition. With a {@link SampleGrid} it also samples correctness over time
 * ({@link IntervalCounts}) at the grid's instants. For the client's own messages it keeps every
 * status their lines showed ({@link StatusStep}).
 *
 * <p>After a restart without durable history, lines of a lost epoch
 * ({@link MessageIndex#isLostLine}) are never placed against the final epoch's seqs; from the
 * moment the final epoch began, a transcript that still displays one is not a correct prefix.
 *
 * <p>A line the client evicted ({@link TranscriptChange.Evicted}: scrolled away over the top of
 * its window) stays shown in the replay, above the window ({@link DisplayOrder}), so every
 * figure reads as if nothing had been evicted.
 *
 * <p>A replay takes the changes as a list ({@link #replay}) or one at a time ({@link #of}, {@link #accept},
 * {@link #finish}), with the same result.
 *
 * <p>Single use, single thread.
 */
public final class TranscriptReplayer {
    private final MessageIndex index;
    private final String clientId;
    private final String room;
    private final long joinedAt;
    private final DisplayOrder order;
    private final ShownCounts shownCount;
    private final IntervalSampler sampler;
    private final ShownTimes.Builder firstShown;
    private final AckTimes.Builder acked;
    private final Set<String> failed = new HashSet<>();
    private final Set<String> missingWhileDue = new HashSet<>();
    private final Map<String, Long> hiddenAt = new HashMap<>();
    private final Set<String> causal = new HashSet<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final StatusSteps.Builder ownStatus;
    private final long finalEpochBegan;
    private boolean finalBegun;
    private long maxShownSeq;
    private boolean good = true;
    private long moves;
    /** Whether a change was replayed, and the time of the last one. */
    private boolean changed;
    private long lastAt;
    private boolean finished;

    private final NavigableSet<Long> unreachable;
    /** Whether the final lines go to a fold as they settle ({@link LineFolds}) rather than into the replay. */
    private final boolean linesFolded;

    private TranscriptReplayer(MessageIndex index, String clientId, String room, long joinedAt, SampleGrid grid,
                               List<CommittedMessage> log, long finalEpochBegan, NavigableSet<Long> unreachable,
                               Consumer<PlacedEntry> settled) {
        this.index = index;
        this.clientId = clientId;
        this.room = room;
        this.joinedAt = joinedAt;
        this.finalEpochBegan = finalEpochBegan;
        this.finalBegun = finalEpochBegan == Long.MIN_VALUE;
        this.unreachable = unreachable;
        this.firstShown = new ShownTimes.Builder(index, room);
        this.acked = new AckTimes.Builder(index, room);
        this.shownCount = new ShownCounts(index, room);
        this.ownStatus = new StatusSteps.Builder(index, room);
        this.linesFolded = settled != null;
        this.order = new DisplayOrder(joinedAt, "client " + clientId + " in room " + room,
                entry -> index.isLostLine(room, entry), unreachable, settled);
        this.sampler = new IntervalSampler(grid, order, shownCount, unreachable.isEmpty()
                ? index.dueOrder(room, joinedAt, log)
                : IntervalSampler.DueOrder.of(index, room, joinedAt,
                        log.stream().filter(c -> !unreachable.contains(c.seq())).toList()), joinedAt);
    }

    /** Replays {@code changes} (those of {@code room}, in order) of a client that joined at head {@code joinedAt}. */
    public static RoomReplay replay(MessageIndex index, String clientId, String room, long joinedAt,
                                    List<TranscriptChange> changes) {
        return replay(index, clientId, room, joinedAt, changes, SampleGrid.NONE, List.of());
    }

    /**
     * As {@link #replay(MessageIndex, String, String, long, List)}, sampling correctness over time at
     * the instants of {@code grid}; {@code log} is the room's server log (what is due comes from it).
     */
    public static RoomReplay replay(MessageIndex index, String clientId, String room, long joinedAt,
                                    List<TranscriptChange> changes, SampleGrid grid, List<CommittedMessage> log) {
        return replay(index, clientId, room, joinedAt, changes, grid, log, Long.MIN_VALUE);
    }

    /**
     * As {@link #replay(MessageIndex, String, String, long, List, SampleGrid, List)} for a run
     * whose final epoch began at {@code finalEpochBegan} ({@link Long#MIN_VALUE}: one history).
     */
    public static RoomReplay replay(MessageIndex index, String clientId, String room, long joinedAt,
                                    List<TranscriptChange> changes, SampleGrid grid, List<CommittedMessage> log,
                                    long finalEpochBegan) {
        return replay(index, clientId, room, joinedAt, changes, grid, log, finalEpochBegan,
                Collections.emptyNavigableSet());
    }

    /**
     * As {@link #replay(MessageIndex, String, String, long, List, SampleGrid, List, long)}, the
     * commits {@code unreachable} ({@link Unreachable}) neither due nor expected in a correct prefix.
     */
    public static RoomReplay replay(MessageIndex index, String clientId, String room, long joinedAt,
                                    List<TranscriptChange> changes, SampleGrid grid, List<CommittedMessage> log,
                                    long finalEpochBegan, NavigableSet<Long> unreachable) {
        TranscriptReplayer replayer = of(index, clientId, room, joinedAt, grid, log, finalEpochBegan, unreachable);
        changes.forEach(replayer::accept);
        return replayer.finish();
    }

    /**
     * A replay of the changes of {@code room} handed over one at a time ({@link #accept}, in order), then
     * {@link #finish}ed: the same replay as {@link #replay(MessageIndex, String, String, long, List, SampleGrid,
     * List, long, NavigableSet)} of the same changes, for a reader that does not hold them.
     */
    public static TranscriptReplayer of(MessageIndex index, String clientId, String room, long joinedAt,
                                        SampleGrid grid, List<CommittedMessage> log, long finalEpochBegan,
                                        NavigableSet<Long> unreachable) {
        return of(index, clientId, room, joinedAt, grid, log, finalEpochBegan, unreachable, null);
    }

    /**
     * As {@link #of(MessageIndex, String, String, long, SampleGrid, List, long, NavigableSet)}, each final line
     * handed to {@code settled} as it settles, in display order ({@link LineFolds}), and not kept; {@code null}:
     * the replay keeps them.
     */
    public static TranscriptReplayer of(MessageIndex index, String clientId, String room, long joinedAt,
                                        SampleGrid grid, List<CommittedMessage> log, long finalEpochBegan,
                                        NavigableSet<Long> unreachable, Consumer<PlacedEntry> settled) {
        return new TranscriptReplayer(index, clientId, room, joinedAt, grid, log, finalEpochBegan, unreachable,
                settled);
    }

    /** Replays the next change of the room (the prefix state is observed once a change of a later time comes, or at the end). */
    public void accept(TranscriptChange change) {
        refuseIfFinished();
        if (changed && change.at() != lastAt) {
            observe(lastAt);
        }
        sampler.sampleBefore(change.at());
        beginFinalEpochBy(change.at());
        apply(change);
        lastAt = change.at();
        changed = true;
    }

    /** What the replay found; the replayer is not used after. */
    public RoomReplay finish() {
        refuseIfFinished();
        finished = true;
        if (changed) {
            observe(lastAt);
        }
        beginFinalEpochBy(Long.MAX_VALUE);
        return new RoomReplay(clientId, room, joinedAt, order.lines(), transitions, firstShown.build(), acked.build(),
                failed, missingWhileDue, causal, moves, sampler.finish(), ownStatus.build(), unreachable, linesFolded);
    }

    private void refuseIfFinished() {
        if (finished) {
            throw new IllegalStateException("the replay of client " + clientId + " in room " + room
                    + " is finished: it takes no more changes and is not finished twice");
        }
    }

    private void apply(TranscriptChange change) {
        switch (change) {
            case TranscriptChange.Inserted c -> {
                order.insert(c.entryNo(), c.entry(), c.afterEntryNo(), c.at());
                onNewLine(c.entry(), c.at());
            }
            case TranscriptChange.Moved c -> {
                order.move(c.entryNo(), c.entry(), c.afterEntryNo(), c.at());
                moves++;
            }
            case TranscriptChange.Replaced c -> replace(c);
            case TranscriptChange.Removed c -> {
                TranscriptEntry gone = order.entry(c.entryNo());
                order.remove(c.entryNo());
                onHidden(gone, c.at());
            }
            case TranscriptChange.Evicted c -> { // scrolled away: still shown
                order.evict(c.entryNo());
                LogicalMessage message = index.of(room, c.entry());
                if (message != null && isOwn(message)) {
                    ownStatus.add(message, new StatusStep(c.at(), c.entry().status(), c.entry().status(),
                            c.entry().seq(), true));
                }
            }
            case TranscriptChange.StatusChanged c -> {
                order.restatus(c.entryNo(), c.entry());
                noteStatus(c.entry(), c.at());
                noteOwnStatus(index.of(room, c.entry()), c.previous(), c.entry(), c.at());
            }
        }
    }

    private void replace(TranscriptChange.Replaced c) {
        TranscriptEntry previous = order.entry(c.entryNo());
        LogicalMessage before = index.of(room, previous);
        LogicalMessage now = index.of(room, c.entry());
        boolean same = before != null && now != null && before.key().equals(now.key());
        if (!same) {
            onHidden(previous, c.at());
        }
        order.replace(c.entryNo(), c.entry(), c.at());
        if (same) {
            noteSeq(now.key(), c.entry(), false);
            noteStatus(c.entry(), c.at());
            noteOwnStatus(now, previous.status(), c.entry(), c.at());
        } else {
            onNewLine(c.entry(), c.at());
        }
    }

    /** A line of a message appeared (inserted, or replacing another message's line). */
    private void onNewLine(TranscriptEntry entry, long at) {
        LogicalMessage message = index.of(room, entry);
        boolean alone = message == null || shownCount.of(message) == 0;
        onShown(entry, at);
        if (message != null && isOwn(message)) {
            MessageStatus before = alone ? ownStatus.lastStatus(message) : null;
            ownStatus.add(message, new StatusStep(at, before, entry.status(), entry.seq()));
        }
    }

    /** A line of a message kept its message and went from {@code previous} to the entry's status. */
    private void noteOwnStatus(LogicalMessage message, MessageStatus previous, TranscriptEntry entry, long at) {
        if (message != null && isOwn(message) && previous != entry.status()) {
            ownStatus.add(message, new StatusStep(at, previous, entry.status(), entry.seq()));
        }
    }

    private boolean isOwn(LogicalMessage message) {
        return clientId.equals(message.senderClientId());
    }

    private void onShown(TranscriptEntry entry, long at) {
        LogicalMessage message = index.of(room, entry);
        if (message == null) {
            return;
        }
        String key = message.key();
        if (shownCount.add(message, 1) == 1) {
            sampler.onVisibility(message, 1);
        }
        Long gone = hiddenAt.remove(key);
        if (gone != null && gone < at) {
            missingWhileDue.add(key);
        }
        boolean first = firstShown.putIfAbsent(message, at);
        if (first && entry.replyTo() != null && !parentShown(entry.replyTo())) {
            causal.add(key);
        }
        noteSeq(key, entry, first);
        noteStatus(entry, at);
    }

    /** A line of {@code key} shows {@code entry}'s seq: a first showing below a higher seq was missing while due. */
    private void noteSeq(String key, TranscriptEntry entry, boolean first) {
        if (entry.seq() > joinedAt && !index.isLostLine(room, entry)) {
            if (first && maxShownSeq > entry.seq()) {
                missingWhileDue.add(key);
            }
            maxShownSeq = Math.max(maxShownSeq, entry.seq());
        }
    }

    private boolean parentShown(String parentId) {
        LogicalMessage parent = index.byId(room, parentId);
        if (parent == null || parent.firstSeq() <= joinedAt) {
            return true; // unknown or not entitled: cannot be expected on screen
        }
        return shownCount.of(parent) > 0;
    }

    /** A line went away; its message is missing from {@code at} unless it shows again at that same time. */
    private void onHidden(TranscriptEntry entry, long at) {
        LogicalMessage message = index.of(room, entry);
        if (message != null && shownCount.add(message, -1) == 0) {
            sampler.onVisibility(message, -1);
            hiddenAt.put(message.key(), at);
        }
    }

    private void noteStatus(TranscriptEntry entry, long at) {
        LogicalMessage message = index.of(room, entry);
        if (message == null) {
            return;
        }
        if (entry.status() == MessageStatus.FAILED) {
            failed.add(message.key());
        } else if ((entry.isCommitted() || entry.status() != MessageStatus.PENDING) && isOwn(message)) {
            acked.putIfAbsent(message, at); // of its own messages only: a sender's acknowledgement
        }
    }

    /** Once the replay reaches the final epoch's beginning, lines of lost epochs make the transcript wrong. */
    private void beginFinalEpochBy(long at) {
        if (!finalBegun && at >= finalEpochBegan) {
            finalBegun = true;
            observe(finalEpochBegan);
        }
    }

    private void observe(long at) {
        boolean now = order.isPrefix() && (!finalBegun || order.lostLines() == 0);
        if (now != good) {
            transitions.add(new Transition(at, now));
            good = now;
        }
    }
}
