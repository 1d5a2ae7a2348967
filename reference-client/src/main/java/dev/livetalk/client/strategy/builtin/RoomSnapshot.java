package dev.livetalk.client.strategy.builtin;

import dev.livetalk.client.strategy.StrategyContext;
import dev.livetalk.client.transcript.Transcript;
import dev.livetalk.protocol.HistoryReply;
import dev.livetalk.protocol.Message;
import java.util.List;

/**
 * Loads a fresh snapshot of a room: the newest {@code limit} committed messages up to the
 * head seen at the rejoin, fetched in chunks, placed by seq and deduped by id; live events
 * that arrive meanwhile are buffered and applied afterwards. Whatever lies between the old
 * watermark and the snapshot's first seq is not fetched (lost when the outage was long).
 * Within one epoch every displayed committed line is still on the server, so replacing the
 * state only adds lines; after an epoch change the strategy removed the old lines first.
 *
 * <p>Single-threaded: used by one strategy on the session's owner thread.
 */
final class RoomSnapshot {
    private final int limit;
    /** How long a chunk's reply is awaited before it is asked again ({@link SeqRoom#fetch}). */
    private final long wait;

    RoomSnapshot(int limit, long wait) {
        this.limit = limit;
        this.wait = wait;
    }

    /** Starts loading up to {@code headSeq}; finishes at once when there is nothing to load. */
    void start(StrategyContext ctx, SeqRoom room, long headSeq, Transcript transcript, long now) {
        room.snapshotting = true;
        room.snapshotTo = headSeq;
        room.snapshotNext = Math.max(room.origin + 1, headSeq - limit + 1);
        if (room.snapshotNext > headSeq) {
            finish(room, transcript, ctx.user(), false);
        } else {
            retry(ctx, room, now);
        }
    }

    /** Asks (again) for the next chunk at {@code now}. */
    void retry(StrategyContext ctx, SeqRoom room, long now) {
        room.fetch(ctx, room.snapshotNext, Math.min(room.snapshotTo, room.snapshotNext + limit - 1), now, wait);
    }

    /** Applies a chunk; asks for the next one or finishes. */
    void onReply(StrategyContext ctx, SeqRoom room, HistoryReply reply, Transcript transcript, boolean showAtOnce,
                 long now) {
        List<Message> messages = reply.messages();
        if (!messages.isEmpty() && messages.get(messages.size() - 1).seq() < room.snapshotNext) {
            // Only seqs below the chunk asked for: a late reply to an earlier chunk's request
            // (asked again when its wait ran out). It says nothing of the chunk awaited, whose
            // request's wake-up is still due: finishing here would skip that chunk and the rest.
            return;
        }
        room.fetchSettled(); // the chunk awaited came: the next one waits the gap timeout again
        long last = room.snapshotNext - 1;
        for (Message message : messages) {
            if (message.seq() >= room.snapshotNext && message.seq() <= room.snapshotTo) {
                SeqRoom.show(message, transcript, ctx.user());
                last = Math.max(last, message.seq());
            }
        }
        boolean more = last < room.snapshotTo && last >= room.snapshotNext && last < reply.headSeq();
        if (more) {
            room.snapshotNext = last + 1;
            retry(ctx, room, now);
        } else {
            finish(room, transcript, ctx.user(), showAtOnce);
        }
    }

    private static void finish(SeqRoom room, Transcript transcript, String user, boolean showAtOnce) {
        room.snapshotting = false;
        room.skipTo(room.snapshotTo);
        if (showAtOnce) {
            room.beyond.tailMap(room.watermark, false).values()
                    .forEach(message -> SeqRoom.show(message, transcript, user));
        }
        room.advance(transcript, user);
    }
}
