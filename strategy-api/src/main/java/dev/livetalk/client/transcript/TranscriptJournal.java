package dev.livetalk.client.transcript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics: every change of every line, kept per room and line, to dump the state history
 * of each message when debugging delivery and read state. Keeps everything it is told: use it
 * in tests and debugging runs, not in long load runs.
 *
 * <p>Not thread-safe: a {@link TranscriptListener} on the session's owner thread; read it on
 * that thread or after the session stopped.
 */
public final class TranscriptJournal implements TranscriptListener {
    private final Map<String, List<TranscriptChange>> byLine = new LinkedHashMap<>();

    @Override
    public void onChange(TranscriptChange change) {
        byLine.computeIfAbsent(change.room() + "#" + change.entryNo(), k -> new ArrayList<>()).add(change);
    }

    /** The changes of every line whose client message id or id is {@code idOrClientMsgId}. */
    public List<TranscriptChange> historyOf(String idOrClientMsgId) {
        List<TranscriptChange> found = new ArrayList<>();
        for (List<TranscriptChange> changes : byLine.values()) {
            if (changes.stream().anyMatch(c -> names(c.entry(), idOrClientMsgId))) {
                found.addAll(changes);
            }
        }
        return found;
    }

    /** Every change recorded, in order of the lines' first appearance. */
    public List<TranscriptChange> changes() {
        List<TranscriptChange> all = new ArrayList<>();
        byLine.values().forEach(all::addAll);
        return all;
    }

    /** One block per line: its changes with their session times, for a human. */
    public String dump() {
        StringBuilder out = new StringBuilder();
        byLine.forEach((line, changes) -> {
            TranscriptEntry latest = changes.get(changes.size() - 1).entry();
            out.append(line).append(' ').append(latest.key()).append(" (").append(latest.from())
                    .append(": ").append(latest.body()).append(")\n");
            for (TranscriptChange change : changes) {
                out.append("  ").append(change.at()).append(' ').append(describe(change)).append('\n');
            }
        });
        return out.toString();
    }

    private static boolean names(TranscriptEntry entry, String name) {
        return name.equals(entry.id()) || name.equals(entry.clientMsgId());
    }

    private static String describe(TranscriptChange change) {
        TranscriptEntry e = change.entry();
        return switch (change) {
            case TranscriptChange.Inserted c -> "inserted after #" + c.afterEntryNo() + " seq " + e.seq() + " " + e.status();
            case TranscriptChange.Moved c -> "moved after #" + c.afterEntryNo() + " seq " + e.seq();
            case TranscriptChange.Replaced c -> "replaced " + c.previous().key() + " -> " + e.key() + " seq " + e.seq();
            case TranscriptChange.Removed c -> "removed";
            case TranscriptChange.Evicted c -> "evicted (scrolled away)";
            case TranscriptChange.StatusChanged c -> "status " + c.previous() + " -> " + e.status();
        };
    }
}
