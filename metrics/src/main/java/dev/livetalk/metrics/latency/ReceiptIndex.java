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
 * receipt at or above a seq after a time in O(log n) plus the receipts skipped.
 *
 * <p>Immutable once built; any thread.
 */
final class ReceiptIndex {
    private final Map<RoomReader, List<ReceiptSeen>> byRoomAndReader = new HashMap<>();

    /** The read receipts {@code client} saw while its link was in the final epoch of {@code trace}. */
    ReceiptIndex(ClientTrace client, RunTrace trace) {
        for (ReceiptSeen receipt : client.receipts()) {
            if (receipt.kind() == ReceiptKind.READ && trace.inFinalEpochAt(client, receipt.at())) {
                byRoomAndReader.computeIfAbsent(key(receipt.room(), receipt.reader()), k -> new ArrayList<>())
                        .add(receipt);
            }
        }
        byRoomAndReader.values().forEach(l -> l.sort(Comparator.comparingLong(ReceiptSeen::at)));
    }

    /** When the client first saw {@code reader}'s read marker in {@code room} at or above {@code seq}, not before {@code from}. */
    OptionalLong firstReadAtOrAbove(String room, String reader, long seq, long from) {
        List<ReceiptSeen> receipts = byRoomAndReader.getOrDefault(key(room, reader), List.of());
        for (int i = firstAtOrAfter(receipts, from); i < receipts.size(); i++) {
            if (receipts.get(i).seq() >= seq) {
                return OptionalLong.of(receipts.get(i).at());
            }
        }
        return OptionalLong.empty();
    }

    private static int firstAtOrAfter(List<ReceiptSeen> receipts, long from) {
        int lo = 0;
        int hi = receipts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (receipts.get(mid).at() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static RoomReader key(String room, String reader) {
        return new RoomReader(room, reader);
    }

    /** A reader in a room: a record, not the two strings joined (a copy of their bytes at every look-up). */
    private record RoomReader(String room, String reader) {
    }
}
