package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;

import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The displayed lines of one transcript as a linked list by line number, with the count of
 * adjacent <em>counted</em> lines out of step ({@code next.seq != prev.seq + 1}). Counted lines
 * are those with a seq above the join head; the client's own pending echoes (no seq) and older
 * history are skipped. A sentinel line with the join head's seq opens the list, so "no pair
 * out of step" means the lines are a complete, correctly ordered prefix of the entitled log.
 * Each operation costs O(1) plus the skipped lines next to it. It also keeps, for sampling,
 * the adjacent counted pairs in descending order ({@link #descents()}: next seq below the
 * previous one) and the lines showing {@code PENDING} ({@link #pending()}). Lines of a lost
 * epoch (their seqs belong to another seq space) are never counted; {@link #lostLines()} says
 * how many are displayed.
 *
 * <p>Lines the client's transcript evicted ({@link #evict}: scrolled away over the top of a
 * window) stay where they are, at the top, and still count: every figure is computed over the
 * evicted lines followed by the window, as if nothing had been evicted. A line inserted or
 * moved to the window's top ({@code afterNo} -1) goes right after the last evicted line, not
 * above it. Two consequences are not "as if": an evicted line never changes again (the client
 * can no longer touch it), and an evicted line of a lost epoch is not counted in
 * {@link #lostLines()} (the client could not remove it when the epoch was lost: it is history
 * the user scrolled past, not a line still on screen).
 *
 * <p>Since an evicted line never changes again, it is settled when evicted: it leaves the list
 * and the look-up by line number for the arrays of the final lines ({@link PlacedLines.Builder},
 * about 20 bytes a line), or, when the replay folds its lines, for the fold it is handed to
 * ({@link LineFolds}: then only the window's lines are kept, and handed over too at the end), and of the evicted lines the list keeps only what the window's pairs
 * need, the seq of the last counted one (the sentinel takes it). So the live part of a replay is
 * its window, not every line its member ever showed (a node and a map entry, about 100 bytes a
 * line, where a soak's transcript of 1,000 lines evicts about one line per message of the room).
 *
 * <p>Single thread.
 */
final class DisplayOrder {
    private final String where;
    private final Node sentinel;
    private final Map<Long, Node> nodes = new HashMap<>();
    private int outOfStep;
    private int descents;
    private int pending;
    private int lostLines;
    private final Predicate<TranscriptEntry> lost;
    private final NavigableSet<Long> unreachable;
    /** The head when the member joined: lines of a higher seq are counted. */
    private final long joinedAt;
    /** The evicted lines, in display order (the order they were evicted in): settled. */
    private final PlacedLines.Builder evicted = new PlacedLines.Builder(16);
    /** What takes each line as it settles instead of {@link #evicted}, or {@code null} ({@link LineFolds}). */
    private final Consumer<PlacedEntry> settled;
    /**
     * The numbers of the evicted lines: below {@link #DENSE_NOS} (a transcript numbers its lines from 1, one
     * by one) a bit each; any other number in {@code evictedOther}, so that a far number costs an entry, not
     * a bit for every number below it.
     */
    private final BitSet evictedNos = new BitSet();
    static final long DENSE_NOS = 1L << 24;
    private final Set<Long> evictedOther = new HashSet<>();

    private static final class Node {
        final long no;
        TranscriptEntry entry;
        Node prev;
        Node next;
        boolean counted;
        long seq;
        long placedAt;

        Node(long no, TranscriptEntry entry) {
            this.no = no;
            this.entry = entry;
        }
    }

    /** An empty display of a member who joined at head {@code joinedAt}; {@code where} names it in errors. */
    DisplayOrder(long joinedAt, String where) {
        this(joinedAt, where, entry -> false);
    }

    /** As {@link #DisplayOrder(long, String)}; {@code lost} tells the lines of a lost epoch. */
    DisplayOrder(long joinedAt, String where, Predicate<TranscriptEntry> lost) {
        this(joinedAt, where, lost, Collections.emptyNavigableSet());
    }

    /**
     * As {@link #DisplayOrder(long, String, Predicate)}; the seqs {@code unreachable}
     * ({@link Unreachable}) are not counted and a correct prefix steps over them.
     */
    DisplayOrder(long joinedAt, String where, Predicate<TranscriptEntry> lost, NavigableSet<Long> unreachable) {
        this(joinedAt, where, lost, unreachable, null);
    }

    /**
     * As {@link #DisplayOrder(long, String, Predicate, NavigableSet)}, each line handed to {@code settled}
     * as it settles (evicted, or at {@link #lines()}) instead of being kept; {@code null}: kept.
     */
    DisplayOrder(long joinedAt, String where, Predicate<TranscriptEntry> lost, NavigableSet<Long> unreachable,
                 Consumer<PlacedEntry> settled) {
        this.settled = settled;
        this.where = where;
        this.lost = lost;
        this.unreachable = unreachable;
        this.joinedAt = joinedAt;
        this.sentinel = new Node(-1, null);
        sentinel.counted = true;
        sentinel.seq = joinedAt;
    }

    /** Whether the lines are a complete, correctly ordered prefix of the entitled log. */
    boolean isPrefix() {
        return outOfStep == 0;
    }

    /** Adjacent pairs of counted lines where the lower line has the smaller seq. */
    int descents() {
        return descents;
    }

    /** Lines of a lost epoch displayed. */
    int lostLines() {
        return lostLines;
    }

    /** Lines showing {@code PENDING}: sends displayed and not yet acknowledged nor failed. */
    int pending() {
        return pending;
    }

    TranscriptEntry entry(long no) {
        return require(no).entry;
    }

    void insert(long no, TranscriptEntry entry, long afterNo, long at) {
        if (nodes.containsKey(no) || wasEvicted(no)) {
            throw new IllegalArgumentException("line #" + no + " inserted twice in " + where);
        }
        Node node = new Node(no, entry);
        pending += isPending(entry);
        lostLines += isLost(entry);
        link(after(afterNo), node);
        nodes.put(no, node);
        node.placedAt = at;
        count(node);
    }

    void move(long no, TranscriptEntry entry, long afterNo, long at) {
        Node node = require(no);
        if (afterNo == no) { // it would be linked to itself, out of the list
            throw new IllegalArgumentException("the change log of " + where + " moves line #" + no + " after itself");
        }
        uncount(node);
        unlink(node);
        setEntry(node, entry);
        link(after(afterNo), node);
        node.placedAt = at;
        count(node);
    }

    /** Gives a line new content in place; a new seq counts as a new placement. */
    void replace(long no, TranscriptEntry entry, long at) {
        Node node = require(no);
        uncount(node);
        if (node.entry.seq() != entry.seq()) {
            node.placedAt = at;
        }
        setEntry(node, entry);
        count(node);
    }

    /** Changes a line's status: its place and seq stay. */
    void restatus(long no, TranscriptEntry entry) {
        setEntry(require(no), entry);
    }

    /**
     * The line at the top of the window scrolled away: it still counts as displayed, above the
     * window, and never changes again; it is settled here (it leaves the list for the final lines,
     * the sentinel taking its seq when it is counted).
     */
    void evict(long no) {
        Node node = require(no);
        if (node.prev != top()) {
            throw new IllegalArgumentException("the change log of " + where + " evicts line #" + no
                    + ", which is not the top line of its window");
        }
        lostLines -= isLost(node.entry);
        // settled: its pairs never change again, and the window's top pairs with the last counted evicted line
        if (node.counted) {
            sentinel.seq = node.seq;
        }
        unlink(node);
        nodes.remove(no);
        if (settled == null) {
            evicted.add(node.no, node.entry, node.placedAt, true);
        } else {
            settled.accept(new PlacedEntry(node.no, node.entry, node.placedAt, true));
        }
        if (no >= 0 && no < DENSE_NOS) {
            evictedNos.set((int) no);
        } else {
            evictedOther.add(no);
        }
    }

    private boolean wasEvicted(long no) {
        return no >= 0 && no < DENSE_NOS ? evictedNos.get((int) no) : evictedOther.contains(no);
    }

    void remove(long no) {
        Node node = require(no);
        uncount(node);
        unlink(node);
        pending -= isPending(node.entry);
        lostLines -= isLost(node.entry);
        nodes.remove(no);
    }

    /**
     * The lines in display order: the evicted ones, then the window's. Called once, at the end of the
     * replay. Lines handed to a fold as they settle: the window's lines are handed to it too, in order,
     * and returned alone.
     */
    PlacedLines lines() {
        for (Node n = sentinel.next; n != null; n = n.next) {
            evicted.add(n.no, n.entry, n.placedAt, false);
            if (settled != null) {
                settled.accept(new PlacedEntry(n.no, n.entry, n.placedAt, false));
            }
        }
        return evicted.build();
    }

    private void setEntry(Node node, TranscriptEntry entry) {
        pending += isPending(entry) - isPending(node.entry);
        lostLines += isLost(entry) - isLost(node.entry);
        node.entry = entry;
    }

    private int isLost(TranscriptEntry entry) {
        return lost.test(entry) ? 1 : 0;
    }

    private static int isPending(TranscriptEntry entry) {
        return entry.status() == MessageStatus.PENDING ? 1 : 0;
    }

    private boolean counts(TranscriptEntry entry) {
        return entry.seq() > 0 && entry.seq() > joinedAt && !lost.test(entry)
                && !unreachable.contains(entry.seq());
    }

    private void count(Node node) {
        if (!counts(node.entry)) {
            return;
        }
        Node p = countedBefore(node);
        Node q = countedAfter(node);
        if (q != null) {
            pair(p.seq, q.seq, -1);
        }
        node.counted = true;
        node.seq = node.entry.seq();
        pair(p.seq, node.seq, 1);
        if (q != null) {
            pair(node.seq, q.seq, 1);
        }
    }

    private void uncount(Node node) {
        if (!node.counted) {
            return;
        }
        Node p = countedBefore(node);
        Node q = countedAfter(node);
        pair(p.seq, node.seq, -1);
        if (q != null) {
            pair(node.seq, q.seq, -1);
        }
        node.counted = false;
        if (q != null) {
            pair(p.seq, q.seq, 1);
        }
    }

    /** Adds ({@code sign} 1) or takes away (-1) what the adjacent pair {@code before, after} counts. */
    private void pair(long before, long after, int sign) {
        if (after != successor(before)) {
            outOfStep += sign;
        }
        if (after < before) {
            descents += sign;
        }
    }

    /** The seq a correct prefix shows after {@code seq}: the next one that is not unreachable. */
    private long successor(long seq) {
        long next = seq + 1;
        while (unreachable.contains(next)) {
            next++;
        }
        return next;
    }

    private static Node countedBefore(Node node) {
        Node p = node.prev;
        while (!p.counted) {
            p = p.prev;
        }
        return p;
    }

    private static Node countedAfter(Node node) {
        Node q = node.next;
        while (q != null && !q.counted) {
            q = q.next;
        }
        return q;
    }

    private Node after(long afterNo) {
        return afterNo == -1 ? top() : require(afterNo);
    }

    /** What the window's top line follows: the sentinel (the evicted lines have left the list). */
    private Node top() {
        return sentinel;
    }

    private Node require(long no) {
        Node node = nodes.get(no);
        if (node == null && wasEvicted(no)) {
            throw new IllegalArgumentException("the change log of " + where + " names line #" + no
                    + ", which was evicted (an evicted line never changes again)");
        }
        if (node == null) {
            throw new IllegalArgumentException("the change log of " + where + " names line #" + no
                    + ", which is not displayed");
        }
        return node;
    }

    private static void link(Node pred, Node node) {
        node.prev = pred;
        node.next = pred.next;
        if (pred.next != null) {
            pred.next.prev = node;
        }
        pred.next = node;
    }

    private static void unlink(Node node) {
        node.prev.next = node.next;
        if (node.next != null) {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
    }
}
