package dev.livetalk.metrics.latency;

import dev.livetalk.metrics.trace.ClientTrace;
import dev.livetalk.metrics.trace.ReceiptSeen;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.ReceiptKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The read receipts one client saw, per room and reader, in time order, to find the first
 * receipt at or above a seq after a time in O(log n) plus the receipts skipped. Each reader's
 * receipts are held as two arrays (their times and seqs), 16 bytes a receipt: the sender of every
 * message of a room has one, built while the room's replays are all in memory.
 *
 * <p>Immutable once built; any thread.
 */
final class ReceiptIndex {
    private final Map<RoomReader, Receipts> byRoomAndReader = new HashMap<>();

    /** The read receipts {@code client} saw while its link was in the final epoch of {@code trace}. */
    ReceiptIndex(ClientTrace client, RunTrace trace) {
        Map<RoomReader, List<Integer>> places = new HashMap<>();
        List<ReceiptSeen> receipts = client.receipts();
        for (int i = 0; i < receipts.size(); i++) {
            ReceiptSeen receipt = receipts.get(i);
            if (receipt.kind() == ReceiptKind.READ && trace.inFinalEpochAt(client, receipt.at())) {
                places.computeIfAbsent(key(receipt.room(), receipt.reader()), k -> new ArrayList<>()).add(i);
            }
        }
        places.forEach((key, at) -> byRoomAndReader.put(key, Receipts.of(receipts, at)));
    }

    /** When the client first saw {@code reader}'s read marker in {@code room} at or above {@code seq}, not before {@code from}. */
    OptionalLong firstReadAtOrAbove(String room, String reader, long seq, long from) {
        Receipts receipts = byRoomAndReader.get(key(room, reader));
        if (receipts == null) {
            return OptionalLong.empty();
        }
        for (int i = receipts.firstAtOrAfter(from); i < receipts.ats.length; i++) {
            if (receipts.seqs[i] >= seq) {
                return OptionalLong.of(receipts.ats[i]);
            }
        }
        return OptionalLong.empty();
    }

    private static RoomReader key(String room, String reader) {
        return new RoomReader(room, reader);
    }

    /** A reader in a room: a record, not the two strings joined (a copy of their bytes at every look-up). */
    private record RoomReader(String room, String reader) {
    }

    /** One reader's receipts in time order (ties in the client's order): when each came, and its seq. */
    private record Receipts(long[] ats, long[] seqs) {

        /** The receipts at {@code places} of {@code receipts}, sorted by time. */
        static Receipts of(List<ReceiptSeen> receipts, List<Integer> places) {
            places.sort(Comparator.comparingLong(place -> receipts.get(place).at()));
            long[] ats = new long[places.size()];
            long[] seqs = new long[places.size()];
            for (int i = 0; i < ats.length; i++) {
                ReceiptSeen receipt = receipts.get(places.get(i));
                ats[i] = receipt.at();
                seqs[i] = receipt.seq();
            }
            return new Receipts(ats, seqs);
        }

        private int firstAtOrAfter(long from) {
            int lo = 0;
            int hi = ats.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ats[mid] < from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
