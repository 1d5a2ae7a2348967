package dev.livetalk.client.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * The view model of one room: the lines a UI renders, in display order, and a
 * {@link TranscriptChange} for every change, stamped with the session time set by
 * {@link #setTime(long)}.
 *
 * <p>Lines are found by {@linkplain TranscriptEntry#key() key}: the server id, or the client
 * message id while pending. Appending a key that is already displayed makes a second line (a
 * visible duplicate, as an event-only client shows); the key then names the newest line.
 * Lines placed with the {@code BySeq} operations are <em>anchored</em>: they are kept in seq
 * order among each other; other lines (pending echoes, arrival-order lines) stay where they
 * were put. A line placed by seq goes right before the first anchored line with a higher seq,
 * else right after the anchored line with the highest lower seq, else at the top.
 *
 * <p><b>Retention.</b> A transcript made with a {@linkplain #Transcript(String, TranscriptListener, int)
 * limit} keeps a bounded <em>window</em>, as a real client lets old history scroll away: after
 * every change that leaves more than {@code limit} lines displayed, it <em>evicts</em> lines
 * from the top, one {@link TranscriptChange.Evicted} each, while it is over the limit and the
 * top line is committed (has a server id and a seq). It never evicts a pending or failed line:
 * when the top line is one, eviction stops there and the window stays over the limit until
 * that line is committed or removed (a send that failed for good at the top keeps the window
 * growing). An evicted line is gone from the transcript: {@link #find}, {@link #contains} and
 * {@link #entries} no longer know it, and it never changes again.
 *
 * <p><b>The window's rule</b> for messages a server delivers again (resume replays, snapshots,
 * history replies, the broadcast of the user's own message): the transcript remembers the
 * highest seq of an evicted anchored line, the {@linkplain #floor() floor}. Anchored lines are
 * in seq order, so everything at or below the floor either scrolled away or was never shown
 * before the lines above it scrolled away; {@link #insertBySeq} of a key that is not
 * displayed, at a seq at or below the floor, shows nothing, instead of showing an old message
 * again as a new line at the top. A message that fills a gap only after the lines above it
 * scrolled away is therefore never shown: a limit must be large against the lines a gap stays
 * open for. The user's own line that scrolls away committed in place (put there pending, then
 * acked, and not yet placed by seq by its broadcast) says nothing of the seqs below it, so it
 * leaves the floor as it is; the transcript remembers its seq instead, while the floor is
 * below it, and {@link #insertBySeq} of that seq with a key not displayed shows nothing
 * either: the user saw that message already. It remembers at most 1,024 such seqs (the
 * highest) whatever the limit: a room whose floor does not rise past more of them than that
 * (its broadcasts held back for that many of the user's own sends) shows the oldest again. A
 * line appended committed (an arrival-order broadcast) is not remembered. Lines
 * appended in arrival order ({@link #append}) have no such rule: arrival order has no place
 * to tell an old message from a new one, so an append is always shown, and an arrival-order
 * strategy that dedupes with {@link #contains} sees an evicted key as absent (the built-in
 * ones do not re-receive what they showed: they never fetch nor resume). The floor belongs to
 * one seq space: a strategy that drops the old lines when the server's epoch changes calls
 * {@link #forgetFloor()}.
 *
 * <p>Cost: append, status change and in-place replace are O(1), and so is removing a line
 * not placed by seq; seq placement is O(1) for the usual in-order arrival, and placing or
 * removing an anchored line otherwise costs a binary search plus a shift of the anchored
 * lines after it (see {@link SeqIndex}). Evicting the top line is O(1) amortized when it is
 * anchored (it is the lowest anchored seq, which {@link SeqIndex} removes without a shift),
 * and O(1) amortized for the usual in-order seqs when it is not (its seq joins a sorted array
 * of at most 1,024, which the floor trims from its low end).
 *
 * <p>Not thread-safe: touched only by the session's owner thread (the strategy runs there).
 */
public final class Transcript {
    /** The limit of a transcript that keeps every line. */
    public static final int NO_LIMIT = 0;
    /**
     * The most seqs of the user's own lines that scrolled away before being placed by seq a
     * transcript remembers (the highest), whatever its limit: the library scenarios need at
     * most 87 (gap-fill through busy-room-deploy's deploy at limit 1), and an arrival-order
     * strategy, which never places by seq, fills them and stays there (about 24 KB a room).
     */
    static final int SCROLLED_AWAY_REMEMBERED = 1_024;

    private final String room;
    private final TranscriptListener listener;
    private final KeyIndex<Line> byKey = new KeyIndex<>();
    private final SeqIndex<Line> bySeq = new SeqIndex<>();
    private Line first;
    private Line last;
    private Line highestAnchored;
    private int size;
    private long nextEntryNo = 1;
    private long now;
    private final int limit;
    private long floor;
    /**
     * Seqs above the floor of the user's own lines that scrolled away committed in place; at
     * most {@link #SCROLLED_AWAY_REMEMBERED}, the highest.
     */
    private final SeqIndex<Boolean> scrolledAway = new SeqIndex<>();
    private long evicted;

    /** An empty transcript of {@code room} that keeps every line and tells {@code listener} of every change. */
    public Transcript(String room, TranscriptListener listener) {
        this(room, listener, NO_LIMIT);
    }

    /**
     * An empty transcript of {@code room} that keeps at most {@code limit} lines when it can
     * (see the class comment, "Retention"); {@link #NO_LIMIT} keeps every line.
     */
    public Transcript(String room, TranscriptListener listener, int limit) {
        if (room == null || listener == null) {
            throw new IllegalArgumentException("room and listener are required");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 1 (lines displayed per room), or NO_LIMIT (0): "
                    + limit);
        }
        this.room = room;
        this.listener = listener;
        this.limit = limit;
    }

    private static final class Line {
        final long no;
        /** Put there before it was committed: the user's own line, committed in place by its ack. */
        final boolean echo;
        TranscriptEntry entry;
        Line prev;
        Line next;
        boolean anchored;

        Line(long no, TranscriptEntry entry) {
            this.no = no;
            this.echo = !entry.isCommitted();
            this.entry = entry;
        }
    }

    /** The room. */
    public String room() {
        return room;
    }

    /** Sets the session time stamped on the following changes, in nanoseconds. */
    public void setTime(long now) {
        this.now = now;
    }

    /** The number of displayed lines. */
    public int size() {
        return size;
    }

    /** The most lines it keeps when it can, or {@link #NO_LIMIT}. */
    public int limit() {
        return limit;
    }

    /** The lines evicted so far (scrolled away over the top). */
    public long evicted() {
        return evicted;
    }

    /**
     * The highest seq of an evicted anchored line, or 0: a line placed by seq at or below it is
     * not shown unless its key is displayed (the window's rule, in the class comment).
     */
    public long floor() {
        return floor;
    }

    /**
     * Forgets the floor and the seqs of the unanchored lines that scrolled away: the server's
     * seq space changed (a new epoch starts again at seq 1), so what scrolled away says
     * nothing about the new seqs. A strategy that removes the old epoch's lines calls it.
     */
    public void forgetFloor() {
        floor = 0;
        scrolledAway.clear();
    }

    /** The displayed lines (the window, when lines were evicted) in order; a copy, O(n). */
    public List<TranscriptEntry> entries() {
        List<TranscriptEntry> entries = new ArrayList<>(size);
        for (Line line = first; line != null; line = line.next) {
            entries.add(line.entry);
        }
        return entries;
    }

    /**
     * The lowest displayed line that is committed (has a server id and seq), or {@code null}:
     * what a user replying to "the latest message" replies to. Walks up from the bottom, so it
     * costs the number of pending lines below it, not a copy of the transcript.
     */
    public TranscriptEntry lastCommitted() {
        for (Line line = last; line != null; line = line.prev) {
            if (line.entry.id() != null && line.entry.seq() > 0) {
                return line.entry;
            }
        }
        return null;
    }

    /** Whether a line with this key is displayed. */
    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** The newest line with this key, or {@code null}. */
    public TranscriptEntry find(String key) {
        Line line = byKey.get(key);
        return line == null ? null : line.entry;
    }

    /** Whether the line with this key is placed by seq (anchored). */
    public boolean isPlacedBySeq(String key) {
        Line line = byKey.get(key);
        return line != null && line.anchored;
    }

    /** Appends a line at the bottom, in arrival order. */
    public void append(TranscriptEntry entry) {
        Line line = new Line(nextEntryNo++, entry);
        linkAfter(last, line);
        byKey.put(entry.key(), line);
        listener.onChange(new TranscriptChange.Inserted(room, now, line.no, entry, afterNo(line)));
        evictOverLimit();
    }

    /**
     * Inserts a committed line at its seq place among the anchored lines; shows nothing (no
     * change) when its key is not displayed and its seq is at or below the {@linkplain #floor()
     * floor} or is the seq of an unanchored line that scrolled away: it scrolled away already
     * ({@link #contains} tells afterwards).
     */
    public void insertBySeq(TranscriptEntry entry) {
        long seq = requireSeq(entry);
        if ((seq <= floor || scrolledAway.get(seq) != null) && !byKey.containsKey(entry.key())) {
            return;
        }
        requireFree(seq, null);
        Line line = new Line(nextEntryNo++, entry);
        linkAfter(seqPredecessor(entry.seq()), line);
        anchor(line);
        byKey.put(entry.key(), line);
        listener.onChange(new TranscriptChange.Inserted(room, now, line.no, entry, afterNo(line)));
        evictOverLimit();
    }

    /** Replaces the line with {@code key} in place (its place does not change). */
    public void replace(String key, TranscriptEntry entry) {
        Line line = require(key);
        TranscriptEntry previous = line.entry;
        if (line.anchored && previous.seq() != entry.seq()) {
            requireFree(requireSeq(entry), line);
            unanchor(line);
            anchor(line, requireSeq(entry));
        }
        setEntry(line, entry);
        reportReplace(line, previous);
        evictOverLimit();
    }

    /**
     * Replaces the line with {@code key} and places it by seq; records a {@code Moved} when the
     * place differs from where it was.
     */
    public void replaceBySeq(String key, TranscriptEntry entry) {
        Line line = require(key);
        requireFree(requireSeq(entry), line);
        TranscriptEntry previous = line.entry;
        if (line.anchored) {
            unanchor(line);
        }
        Line oldPrev = line.prev;
        unlink(line);
        Line pred = seqPredecessor(requireSeq(entry));
        linkAfter(pred, line);
        line.entry = entry;
        anchor(line);
        reindex(previous, line);
        reportReplace(line, previous);
        if (pred != oldPrev) {
            listener.onChange(new TranscriptChange.Moved(room, now, line.no, entry, afterNo(line)));
        }
        evictOverLimit();
    }

    /** Moves the line with {@code key} to the bottom (it is no longer placed by seq). */
    public void moveToEnd(String key) {
        Line line = require(key);
        if (line.anchored) {
            unanchor(line);
        }
        if (line == last) {
            return;
        }
        unlink(line);
        linkAfter(last, line);
        listener.onChange(new TranscriptChange.Moved(room, now, line.no, line.entry, afterNo(line)));
        evictOverLimit();
    }

    /** Removes the newest line with {@code key}; returns whether there was one. */
    public boolean remove(String key) {
        Line line = byKey.remove(key);
        if (line == null) {
            return false;
        }
        if (line.anchored) {
            unanchor(line);
        }
        unlink(line);
        listener.onChange(new TranscriptChange.Removed(room, now, line.no, line.entry));
        evictOverLimit();
        return true;
    }

    /**
     * Sets the status of the line with {@code key} when {@link MessageStatus#canAdvanceTo}
     * allows it; returns whether it changed.
     */
    public boolean advanceStatus(String key, MessageStatus status) {
        Line line = byKey.get(key);
        if (line == null || !line.entry.status().canAdvanceTo(status)) {
            return false;
        }
        MessageStatus previous = line.entry.status();
        line.entry = line.entry.withStatus(status);
        listener.onChange(new TranscriptChange.StatusChanged(room, now, line.no, previous, line.entry));
        evictOverLimit();
        return true;
    }

    /**
     * Evicts from the top while over the limit and the top line is committed. The top line is
     * unlinked and its key unmapped; when anchored it holds the lowest anchored seq, which
     * {@link SeqIndex} removes without a shift (O(1) amortized) and which raises the floor;
     * otherwise, when it is the user's own line committed in place, its seq is remembered.
     */
    private void evictOverLimit() {
        if (limit == NO_LIMIT) {
            return;
        }
        while (size > limit && first.entry.isCommitted()) {
            Line line = first;
            TranscriptEntry entry = line.entry;
            if (byKey.get(entry.key()) == line) {
                byKey.remove(entry.key());
            }
            if (line.anchored) {
                raiseFloor(entry.seq());
                unanchor(line);
            } else if (line.echo) {
                rememberScrolledAway(entry.seq());
            }
            unlink(line);
            evicted++;
            listener.onChange(new TranscriptChange.Evicted(room, now, line.no, entry));
        }
    }

    private void raiseFloor(long seq) {
        if (seq > floor) {
            floor = seq;
            scrolledAway.removeThrough(seq);
        }
    }

    /**
     * Remembers the seq of the user's own line that scrolled away committed in place, when the
     * floor does not cover it; keeps the highest {@link #SCROLLED_AWAY_REMEMBERED} of them.
     */
    private void rememberScrolledAway(long seq) {
        if (seq > floor && scrolledAway.putIfAbsent(seq, Boolean.TRUE) == null
                && scrolledAway.size() > SCROLLED_AWAY_REMEMBERED) {
            scrolledAway.remove(scrolledAway.lowestSeq());
        }
    }

    /** The seqs remembered of lines that scrolled away above the floor, for tests. */
    int scrolledAwayRemembered() {
        return scrolledAway.size();
    }

    /** Array slots {@link SeqIndex} copied so far: a count of its work, for tests. */
    long seqIndexCopies() {
        return bySeq.copied();
    }

    private void setEntry(Line line, TranscriptEntry entry) {
        TranscriptEntry previous = line.entry;
        line.entry = entry;
        reindex(previous, line);
    }

    private void reindex(TranscriptEntry previous, Line line) {
        String oldKey = previous.key();
        String newKey = line.entry.key();
        if (!oldKey.equals(newKey) && byKey.get(oldKey) == line) {
            byKey.remove(oldKey);
        }
        byKey.put(newKey, line);
    }

    private void reportReplace(Line line, TranscriptEntry previous) {
        TranscriptEntry entry = line.entry;
        boolean sameContent = previous.seq() == entry.seq() && eq(previous.id(), entry.id())
                && eq(previous.clientMsgId(), entry.clientMsgId()) && previous.body().equals(entry.body())
                && eq(previous.replyTo(), entry.replyTo()) && previous.from().equals(entry.from());
        if (!sameContent) {
            listener.onChange(new TranscriptChange.Replaced(room, now, line.no, previous, entry));
        }
        if (previous.status() != entry.status()) {
            listener.onChange(new TranscriptChange.StatusChanged(room, now, line.no, previous.status(), entry));
        }
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private Line require(String key) {
        Line line = byKey.get(key);
        if (line == null) {
            throw new IllegalStateException("no line with key " + key + " in room " + room);
        }
        return line;
    }

    private long requireSeq(TranscriptEntry entry) {
        if (entry.seq() < 1) {
            throw new IllegalArgumentException("placing by seq needs seq >= 1: " + entry.seq());
        }
        return entry.seq();
    }

    private Line seqPredecessor(long seq) {
        if (highestAnchored == null) {
            return null;
        }
        if (seq > highestAnchored.entry.seq()) {
            return highestAnchored;
        }
        Line higher = bySeq.higher(seq);
        if (higher != null) {
            return higher.prev;
        }
        return bySeq.lower(seq);
    }

    private void anchor(Line line) {
        anchor(line, line.entry.seq());
    }

    /**
     * Refuses to place a line at a seq another line holds, before anything changes: a
     * strategy's mistake must not leave the transcript half-updated.
     */
    private void requireFree(long seq, Line except) {
        if (highestAnchored == null || seq > highestAnchored.entry.seq()) {
            return; // the usual in-order arrival: nothing above, no search
        }
        Line clash = bySeq.get(seq);
        if (clash != null && clash != except) {
            throw new IllegalStateException("seq " + seq + " is already placed in room " + room
                    + " (" + clash.entry.key() + "); a strategy must dedupe before placing by seq");
        }
    }

    private void anchor(Line line, long seq) {
        Line clash = bySeq.putIfAbsent(seq, line);
        if (clash != null) {
            throw new IllegalStateException("seq " + seq + " is already placed in room " + room
                    + " (" + clash.entry.key() + "); a strategy must dedupe before placing by seq");
        }
        line.anchored = true;
        if (highestAnchored == null || seq > highestAnchored.entry.seq()) {
            highestAnchored = line;
        }
    }

    private void unanchor(Line line) {
        bySeq.remove(line.entry.seq());
        line.anchored = false;
        if (highestAnchored == line) {
            highestAnchored = bySeq.last();
        }
    }

    private void linkAfter(Line pred, Line line) {
        line.prev = pred;
        line.next = pred == null ? first : pred.next;
        if (line.next == null) {
            last = line;
        } else {
            line.next.prev = line;
        }
        if (pred == null) {
            first = line;
        } else {
            pred.next = line;
        }
        size++;
    }

    private void unlink(Line line) {
        if (line.prev == null) {
            first = line.next;
        } else {
            line.prev.next = line.next;
        }
        if (line.next == null) {
            last = line.prev;
        } else {
            line.next.prev = line.prev;
        }
        line.prev = null;
        line.next = null;
        size--;
    }

    private static long afterNo(Line line) {
        return line.prev == null ? -1 : line.prev.no;
    }
}
