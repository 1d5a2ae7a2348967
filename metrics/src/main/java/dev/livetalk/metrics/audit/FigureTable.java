package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.DeliveryRow;
import dev.livetalk.metrics.ledger.MessageRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a strategy's part of {@code results.json} the audit recounts, one entry per
 * figure (or latency metric), and the parts it leaves alone, each with why. A leaf of the
 * document that neither covers is an unknown figure: the audit refuses to call a run clean
 * while one is unaudited. Adding a figure to the document means adding its entry here.
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
            // ok and recovered split on whether a line went missing for a while, which the ledger's
            // final transcripts and first showings do not tell: their sum is audited
            new AuditedFigure("correctness.outcomes.ok+recovered", r -> List.of(new Check(
                    "correctness.outcomes.ok+recovered",
                    List.of("correctness.outcomes.ok", "correctness.outcomes.recovered"),
                    new Reading.Whole(r.sum(RoomRecount::ok)), Tolerance.EXACT))),
            new AuditedFigure("correctness.convergence", ConvergenceChecks::figures),
            AuditedFigure.latency("echo", r -> r.atSender(MessageRow::echoUs)),
            AuditedFigure.latency("ack", r -> r.atSender(MessageRow::ackUs)),
            AuditedFigure.latency("peer-first", r -> r.atPeers(DeliveryRow::firstShownUs)),
            AuditedFigure.latency("peer-final", r -> r.atPeers(DeliveryRow::finalAtUs)),
            AuditedFigure.latency("read-receipt-lag", Recount::readReceiptLag),
            AuditedFigure.latency("scheduling-lag", Recount::schedulingLag),
            new AuditedFigure("convergenceByClient", ConvergenceChecks::byClient));

    /** Parts of a strategy's result that are not figures of the ledger, and why. */
    static final Map<String, String> NOT_AUDITED = Map.of(
            "strategy", "the name, the key of the ledger folder",
            "budgets", "verdicts on the figures, which are audited",
            "examples", "the first few errors of each kind, for reading",
            "hlogs", "paths of the interval logs",
            "correctnessOverTime", "what every client displayed at each second: the ledger keeps final transcripts");

    private FigureTable() {
    }

    /** Every check of every figure for one strategy's recount. */
    static List<Check> checks(Recount recount) {
        List<Check> checks = new ArrayList<>();
        FIGURES.forEach(f -> checks.addAll(f.checks().apply(recount)));
        return checks;
    }
}
