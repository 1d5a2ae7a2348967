package dev.livetalk.metrics.replay;

import dev.livetalk.client.transcript.TranscriptEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The displayed lines of one transcript as a linked list by line number, with the count of
 * adjacent <em>counted</em> lines out of step ({@code next.seq != prev.seq + 1}). Counted lines
 * are those with a seq above the join head; the client's own pending echoes (no seq) and older
 * history are skipped. A sentinel line with the join head's seq opens the list, so "no pair
 * out of step" means the lines are a complete, correctly ordered prefix of the entitled log.
 * Each operation costs O(1) plus the skipped lines next to it.
 *
 * <p>Single thread.
 */
final class DisplayOrder {
    private final String where;
    private final Node sentinel;
    private final Map<Long, Node> nodes = new HashMap<>();
    private int outOfStep;

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
        this.where = where;
        this.sentinel = new Node(-1, null);
        sentinel.counted = true;
        sentinel.seq = joinedAt;
    }

    /** Whether the lines are a complete, correctly ordered prefix of the entitled log. */
    boolean isPrefix() {
        return outOfStep == 0;
    }

    TranscriptEntry entry(long no) {
        return require(no).entry;
    }

    void insert(long no, TranscriptEntry entry, long afterNo, long at) {
        if (nodes.containsKey(no)) {
            throw new IllegalArgumentException("line #" + no + " inserted twice in " + where);
        }
        Node node = new Node(no, entry);
        link(after(afterNo), node);
        nodes.put(no, node);
        node.placedAt = at;
        count(node);
    }

    void move(long no, TranscriptEntry entry, long afterNo, long at) {
        Node node = require(no);
        uncount(node);
        unlink(node);
        node.entry = entry;
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
        node.entry = entry;
        count(node);
    }

    /** Changes a line's status: its place and seq stay. */
    void restatus(long no, TranscriptEntry entry) {
        require(no).entry = entry;
    }

    void remove(long no) {
        Node node = require(no);
        uncount(node);
        unlink(node);
        nodes.remove(no);
    }

    /** The lines in display order. */
    List<PlacedEntry> lines() {
        List<PlacedEntry> lines = new ArrayList<>();
        for (Node n = sentinel.next; n != null; n = n.next) {
            lines.add(new PlacedEntry(n.no, n.entry, n.placedAt));
        }
        return lines;
    }

    private boolean counts(TranscriptEntry entry) {
        return entry.seq() > 0 && entry.seq() > sentinel.seq;
    }

    private void count(Node node) {
        if (!counts(node.entry)) {
            return;
        }
        Node p = countedBefore(node);
        Node q = countedAfter(node);
        if (q != null && outOfStep(p.seq, q.seq)) {
            outOfStep--;
        }
        node.counted = true;
        node.seq = node.entry.seq();
        outOfStep += (outOfStep(p.seq, node.seq) ? 1 : 0) + (q != null && outOfStep(node.seq, q.seq) ? 1 : 0);
    }

    private void uncount(Node node) {
        if (!node.counted) {
            return;
        }
        Node p = countedBefore(node);
        Node q = countedAfter(node);
        outOfStep -= (outOfStep(p.seq, node.seq) ? 1 : 0) + (q != null && outOfStep(node.seq, q.seq) ? 1 : 0);
        node.counted = false;
        if (q != null && outOfStep(p.seq, q.seq)) {
            outOfStep++;
        }
    }

    private static boolean outOfStep(long before, long after) {
        return after != before + 1;
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
        return afterNo == -1 ? sentinel : require(afterNo);
    }

    private Node require(long no) {
        Node node = nodes.get(no);
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
