package dev.livetalk.client;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.protocol.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordering metrics of docs/METRICS.md for one client's final transcript of room r against the
 * server log (the client joined an empty room, so it is entitled to the whole log).
 *
 * @param lost        committed messages not displayed as committed
 * @param duplicates  lines beyond the first for one body (bodies are unique per intended send)
 * @param inversions  pairs of committed lines displayed against seq order
 * @param failed      lines shown as failed
 * @param causal      replies displayed before their parent
 */
record Audit(int lost, int duplicates, int inversions, int failed, int causal) {
    static final Audit EXACT = new Audit(0, 0, 0, 0, 0);

    static Audit of(List<TranscriptEntry> lines, List<Message> log) {
        Set<String> shown = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        int duplicates = 0;
        int failed = 0;
        int causal = 0;
        for (TranscriptEntry line : lines) {
            if (line.isCommitted()) {
                shown.add(line.id());
            }
            if (!bodies.add(line.body())) {
                duplicates++;
            }
            if (line.status() == MessageStatus.FAILED) {
                failed++;
            }
            if (line.replyTo() != null && !shown.contains(line.replyTo())) {
                causal++;
            }
        }
        int lost = (int) log.stream().filter(m -> !shown.contains(m.id())).count();
        return new Audit(lost, duplicates, inversions(lines), failed, causal);
    }

    private static int inversions(List<TranscriptEntry> lines) {
        List<Long> seqs = lines.stream().filter(TranscriptEntry::isCommitted).map(TranscriptEntry::seq).toList();
        int inversions = 0;
        for (int i = 0; i < seqs.size(); i++) {
            for (int j = i + 1; j < seqs.size(); j++) {
                if (seqs.get(i) > seqs.get(j)) {
                    inversions++;
                }
            }
        }
        return inversions;
    }
}
