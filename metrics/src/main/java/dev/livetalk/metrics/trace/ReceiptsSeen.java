package dev.livetalk.metrics.trace;

import dev.livetalk.protocol.ReceiptKind;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The receipts a client received ({@link ClientTrace#receipts()}) as read back from a spill, held
 * as arrays: a receipt's seq and time, and the number of its (room, reader, kind) among the few
 * the client saw, 20 bytes a receipt where a list of {@link ReceiptSeen} took 64. A client gets
 * several receipts per message of its room (each peer's delivered and read markers), the most
 * numerous record of a room's slice. Each {@link #get} makes the {@link ReceiptSeen} of its place.
 *
 * <p>Immutable once built; any thread.
 */
final class ReceiptsSeen extends AbstractList<ReceiptSeen> implements RandomAccess {
    private final Head[] heads;
    private final int[] headOf;
    private final long[] seqs;
    private final long[] ats;

    private ReceiptsSeen(Head[] heads, int[] headOf, long[] seqs, long[] ats) {
        this.heads = heads;
        this.headOf = headOf;
        this.seqs = seqs;
        this.ats = ats;
    }

    /** These receipts as arrays, in their order. */
    static ReceiptsSeen of(List<ReceiptSeen> receipts) {
        Map<Head, Integer> numbers = new HashMap<>();
        List<Head> heads = new ArrayList<>();
        int[] headOf = new int[receipts.size()];
        long[] seqs = new long[receipts.size()];
        long[] ats = new long[receipts.size()];
        for (int i = 0; i < headOf.length; i++) {
            ReceiptSeen receipt = receipts.get(i);
            Head head = new Head(receipt.room(), receipt.reader(), receipt.kind());
            Integer number = numbers.get(head);
            if (number == null) {
                number = heads.size();
                numbers.put(head, number);
                heads.add(head);
            }
            headOf[i] = number;
            seqs[i] = receipt.seq();
            ats[i] = receipt.at();
        }
        return new ReceiptsSeen(heads.toArray(Head[]::new), headOf, seqs, ats);
    }

    @Override
    public ReceiptSeen get(int index) {
        Head head = heads[headOf[index]];
        return new ReceiptSeen(head.room, head.reader, head.kind, seqs[index], ats[index]);
    }

    @Override
    public int size() {
        return headOf.length;
    }

    /** What receipts of one room, reader and kind share. */
    private record Head(String room, String reader, ReceiptKind kind) {
    }
}
