package dev.livetalk.metrics.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One message's life across every client, from a ledger: each step (intended, handed to the
 * client, every transmission, the local echo, every commit, every status of the sender's line,
 * and per recipient first shown, final place, markers and the sender's receipts) in time order,
 * naming the client it happened at and the fault windows that hit that client then; then what
 * each client ended with and what never happened. {@code livetalk explain} prints it and the
 * report embeds it under its examples.
 *
 * <p>Immutable; any thread.
 *
 * @param heading what the message is: key, room, sender, ids, and the fault windows that hit its sender or a
 *                recipient during its life
 * @param steps   every step, in time order (ties: sender, server, then recipients in ledger order)
 * @param summary per client: its lines of the message at the end, position, moves
 * @param never   what never happened
 */
public record MessageStory(List<String> heading, List<Step> steps, List<String> summary, List<String> never) {
    /** The name steps at the server carry instead of a client's. */
    public static final String SERVER = "server";

    public MessageStory {
        heading = List.copyOf(heading);
        steps = List.copyOf(steps);
        summary = List.copyOf(summary);
        never = List.copyOf(never);
    }

    /**
     * One step: at {@code atUs} (microseconds since the end of the warm-up), at {@code where} (a
     * user, or {@link #SERVER}), {@code what} happened, while {@code faults} hit {@code where}.
     */
    public record Step(long atUs, String where, String what, List<String> faults) {
        public Step {
            faults = List.copyOf(faults);
        }
    }

    /** The story of {@code message}, one of {@code index}'s messages. */
    public static MessageStory of(LedgerIndex index, MessageRow message) {
        List<Step> steps = StorySteps.of(index, message);
        return new MessageStory(heading(index, message, steps), steps, StorySummary.summary(index, message),
                StorySummary.never(index, message));
    }

    private static List<String> heading(LedgerIndex index, MessageRow m, List<Step> steps) {
        List<String> lines = new ArrayList<>();
        lines.add("message " + m.key() + " in " + m.room() + " from " + m.sender());
        List<String> ids = new ArrayList<>();
        ids.add(m.id() == null ? "never committed" : "server id " + m.id() + " (seq " + m.seq() + ")");
        if (!m.clientMsgIds().isEmpty()) {
            ids.add((m.clientMsgIds().size() == 1 ? "client message id " : "client message ids ")
                    + String.join(", ", m.clientMsgIds()));
        }
        if (m.replyTo() != null) {
            ids.add("replies to " + m.replyTo());
        }
        lines.add(String.join("; ", ids));
        lines.add(windows(index, m, steps));
        return lines;
    }

    /** The fault windows that hit its sender or a recipient between its first and last step. */
    private static String windows(LedgerIndex index, MessageRow m, List<Step> steps) {
        if (steps.isEmpty()) {
            return "fault windows during its life: none (no step)";
        }
        long first = steps.get(0).atUs();
        long last = steps.get(steps.size() - 1).atUs();
        Set<String> involved = new LinkedHashSet<>();
        involved.add(m.sender());
        index.deliveriesOf(m.key()).forEach(d -> involved.add(d.recipient()));
        List<String> windows = new ArrayList<>();
        for (FaultRow f : index.ledger().faults()) {
            boolean hitsOne = f.serverSide() || f.clients().isEmpty()
                    || f.clients().stream().anyMatch(involved::contains);
            if (hitsOne && f.startUs() <= last && f.endUs() > first) {
                windows.add(label(f) + " " + seconds(f.startUs()) + ".." + seconds(f.endUs()) + " at "
                        + (f.serverSide() ? "the server (everybody)"
                        : f.clients().isEmpty() ? "every client" : String.join(", ", f.clients())));
            }
        }
        return "fault windows during its life (" + seconds(first) + ".." + seconds(last) + "): "
                + (windows.isEmpty() ? "none" : String.join("; ", windows));
    }

    /** How a fault window is named in a story: {@code ack-cut #0}. */
    static String label(FaultRow fault) {
        return fault.fault() + " #" + fault.occurrence();
    }

    /** Whether {@code fault} hits {@code where} (a user or {@link #SERVER}) at {@code atUs}. */
    static boolean hits(FaultRow fault, String where, long atUs) {
        if (atUs < fault.startUs() || atUs >= fault.endUs()) {
            return false;
        }
        return fault.serverSide() || fault.clients().isEmpty() || fault.clients().contains(where);
    }

    /** Seconds since the end of the warm-up, signed, to the millisecond: {@code +3.412s}. */
    public static String seconds(long us) {
        return String.format(Locale.ROOT, "%+.3fs", us / 1e6);
    }

    /** The story as plain text, one line per step, for a terminal or a {@code <pre>}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        heading.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        int timeWidth = steps.stream().mapToInt(s -> seconds(s.atUs()).length()).max().orElse(0);
        int whereWidth = steps.stream().mapToInt(s -> s.where().length()).max().orElse(0);
        int whatWidth = Math.min(60, steps.stream().mapToInt(s -> s.what().length()).max().orElse(0));
        for (Step s : steps) {
            String line = String.format(Locale.ROOT, "  %" + timeWidth + "s  %-" + whereWidth + "s  %s",
                    seconds(s.atUs()), s.where(), s.what());
            if (!s.faults().isEmpty()) {
                line = String.format(Locale.ROOT, "%-" + (timeWidth + whereWidth + whatWidth + 6) + "s  [%s]", line,
                        String.join(", ", s.faults()));
            }
            out.append(line).append('\n');
        }
        out.append("\nat the end:\n");
        summary.forEach(line -> out.append("  ").append(line).append('\n'));
        if (!never.isEmpty()) {
            out.append("never:\n");
            never.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    /** Orders steps by time, keeping the order they were listed in for equal times. */
    static final Comparator<Step> IN_TIME = Comparator.comparingLong(Step::atUs);
}
