package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.results.Health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a strategy's part of {@code results.json} the audit recounts, one entry per
 * figure (or latency metric), and the parts it leaves alone, each with why. A leaf of the
 * document that neither covers is an unknown figure: the audit refuses to call a run clean
 * while one is unaudited. Adding a figure to the document means adding its entry here. Each
 * room's figures ({@code rooms[NAME].}) are the same entries over the room's rows alone
 * ({@link #roomChecks}).
 *
 * <p>Immutable; any thread.
 */
final class FigureTable {
    /** The figures, in the document's order. */
    static final List<AuditedFigure> FIGURES = List.of(
            AuditedFigure.count("correctness.clients", Recount::clients),
            AuditedFigure.count("correctness.convergedClients", Recount::convergedClients),
            AuditedFigure.fraction("correctness.convergedShare", Recount::convergedShare),
            AuditedFigure.count("correctness.lost", r -> r.sum(RoomRecount::lost)),
            AuditedFigure.count("correctness.duplicates", r -> r.sum(RoomRecount::duplicates)),
            AuditedFigure.count("correctness.phantoms", r -> r.sum(RoomRecount::phantoms)),
            AuditedFigure.count("correctness.inversions", r -> r.sum(RoomRecount::inversions)),
            AuditedFigure.fraction("correctness.kendallTau", Recount::kendallTau),
            AuditedFigure.count("correctness.notInLongestRun", r -> r.sum(RoomRecount::notInLongestRun)),
            AuditedFigure.count("correctness.moves", Recount::moves),
            AuditedFigure.count("correctness.causalViolations", r -> r.sum(RoomRecount::causalViolations)),
            AuditedFigure.count("correctness.stuckPending", r -> r.sum(RoomRecount::stuckPending)),
            AuditedFigure.count("correctness.outcomes.lost", r -> r.sum(RoomRecount::lost)),
            AuditedFigure.count("correctness.outcomes.duplicated", r -> r.sum(RoomRecount::duplicated)),
            AuditedFigure.count("correctness.outcomes.unexpected", r -> r.sum(RoomRecount::phantoms)),
            AuditedFigure.count("correctness.outcomes.unreachable", r -> r.sum(RoomRecount::unreachable)),
            // ok and recovered split on whether a line went missing for a while, which the ledger's
            // final transcripts and first showings do not tell: their sum is audited
            new AuditedFigure("correctness.outcomes.ok+recovered", r -> List.of(new Check(
                    "correctness.outcomes.ok+recovered",
                    List.of("correctness.outcomes.ok", "correctness.outcomes.recovered"),
                    new Reading.Whole(r.sum(RoomRecount::ok)), Tolerance.EXACT))),
            AuditedFigure.count("correctness.unfoundedDelivered", r -> r.statusTruth().unfoundedDelivered()),
            AuditedFigure.count("correctness.unfoundedRead", r -> r.statusTruth().unfoundedRead()),
            AuditedFigure.count("correctness.statusAhead", r -> r.statusTruth().statusAhead()),
            AuditedFigure.count("correctness.missingEchoes", r -> r.statusTruth().missingEchoes()),
            new AuditedFigure("correctness.convergence", ConvergenceChecks::figures),
            AuditedFigure.latency("echo", (room, samples) -> room.atSender(MessageRow::echoUs, samples)),
            AuditedFigure.latency("ack", (room, samples) -> room.atSender(MessageRow::ackUs, samples)),
            AuditedFigure.latency("peer-first", (room, samples) -> room.atPeers(DeliveryRow::firstShownUs, samples)),
            AuditedFigure.latency("peer-final", (room, samples) -> room.atPeers(DeliveryRow::finalAtUs, samples)),
            AuditedFigure.latency("read-receipt-lag", RoomPass::readReceiptLag),
            AuditedFigure.latency("scheduling-lag", RoomPass::schedulingLag),
            new AuditedFigure("convergenceByClient", ConvergenceChecks::byClient),
            new AuditedFigure("lateSends", r -> List.of(lateSends(r.latency("latency[scheduling-lag/*]")))),
            new AuditedFigure("recovery", RecoveryChecks::figures));

    /**
     * The sends later than the harness-health limit: those surely over it (by more than the ledger's
     * 1 µs) to those that may show over it (within 1 µs and a histogram bucket of it), and every never.
     */
    static Check lateSends(LatencyTally lag) {
        LatencyTally.Phase all = lag.phase("all");
        long limit = Health.SCHEDULING_LAG_LIMIT_NANOS;
        long surely = all.corrected.countAbove(limit + 999);
        long maybe = all.corrected.countAbove(limit - 1_000 - (limit + 1_023) / 1_024);
        return Check.of("lateSends", new Reading.Span(all.never + surely, all.never + maybe), Tolerance.BRACKETED);
    }

    /** Why the acknowledged losses are not recounted. */
    static final String ACKED_LOST = "the ledger's messages.acknowledged_lost flag is written from the same replay "
            + "that counts the figure (ReplayedRun.acknowledgedLost): counting the flags would read the figure back, "
            + "not recount it";

    /** Why the requests are not recounted. */
    static final String REQUESTS = "the ledger does not record the requests the clients sent (hellos, joins, history "
            + "requests) nor those the server received";
    static final String CONNECTS = "not recounted: the ledger's connects table holds the attempts, but the audit "
            + "does not read it yet";

    /**
     * Parts of a strategy's result that are not figures of the ledger, and why: a top-level
     * field, or a figure by its name ({@link Audit#figureName}), at the strategy's level and in
     * every room.
     */
    static final Map<String, String> NOT_AUDITED = Map.ofEntries(
            Map.entry("strategy", "the name, the key of the ledger folder"),
            Map.entry("correctness.statusBackwards", "the ledger keeps a message's statuses at its sender as one "
                    + "sequence over all its lines, with repeats dropped, not per line with what each line showed "
                    + "before"),
            Map.entry("latency[silent-wait/*]", "it runs to the end of the run, which the ledger does not record, and "
                    + "restarts at every status step of every line, which the ledger keeps only where the status "
                    + "changed"),
            Map.entry("budgets", "verdicts on the figures, which are audited"),
            Map.entry("examples", "the first few errors of each kind, for reading"),
            Map.entry("hlogs", "paths of the interval logs"),
            Map.entry("correctnessOverTime", "what every client displayed at each second: the ledger keeps final "
                    + "transcripts"),
            Map.entry("recovery[*].type", "the fault's type, a label copied from the fault schedule like the name and "
                    + "occurrence that key the window"),
            Map.entry("recovery[*].ackedLost", ACKED_LOST),
            Map.entry("recovery[*].slowest.client", "which client held the window's recovery back, a name: its back "
                    + "and converged are recounted for the client the recount finds"),
            Map.entry("recovery[*].slowest.connected", REQUESTS),
            Map.entry("recovery[*].slowest.attempts", CONNECTS),
            Map.entry("recovery[*].slowest.lastFailed", CONNECTS),
            Map.entry("recovery[*].slowest", "null: a window without targeted clients, or a document written before "
                    + "the slowest client was recorded"),
            Map.entry("ackedLost", ACKED_LOST),
            Map.entry("recovery[*].requests.p50", REQUESTS),
            Map.entry("recovery[*].requests.max", REQUESTS),
            Map.entry("recovery[*].requests.total", REQUESTS),
            Map.entry("recovery[*].serverPeak", REQUESTS),
            Map.entry("drift", "per-minute figures of the latency samples audited above, split by the minute they "
                    + "completed in from the interval histograms, and of the 1 s correctness samples, which the ledger "
                    + "does not keep (see correctnessOverTime); its trends are statistics over those minutes"),
            Map.entry("cost", "sums over the windows of the recovery figures (audited per window) and the server's "
                    + "requests; " + REQUESTS));

    private FigureTable() {
    }

    /** Whether {@code path}, a leaf of a strategy's result or of one of its rooms, is left alone. */
    static boolean notAudited(String path) {
        String name = Audit.figureName(path);
        return NOT_AUDITED.containsKey(name.startsWith(ROOM) ? name.substring(ROOM.length()) : name);
    }

    /** The prefix of a room's figures' names. */
    static final String ROOM = "rooms[*].";

    /** Every check of every figure for one strategy's recount. */
    static List<Check> checks(Recount recount) {
        List<Check> checks = new ArrayList<>();
        FIGURES.forEach(f -> checks.addAll(f.checks().apply(recount)));
        return checks;
    }

    /** Every check of every figure for one room's recount, its paths under {@code rooms[ROOM].}. */
    static List<Check> roomChecks(String room, Recount recount) {
        String at = "rooms[" + room + "].";
        return checks(recount).stream().map(c -> new Check(at + c.figure(),
                c.paths().stream().map(p -> at + p).toList(), c.recounted(), c.tolerance())).toList();
    }
}
