package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.RefetchRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recovery figures of each fault window (docs/METRICS.md, Recovery) recounted from the
 * ledger's faults, welcomes, refetches and the convergence samples of its transcripts
 * ({@link ConvergenceSample}), in microseconds: when each targeted client was back and converged,
 * what it refetched, the peak of welcomes per second, and when the client that held the recovery
 * back was back and converged (which client it is names it, and is not a figure). The acknowledged losses are not
 * recounted ({@link FigureTable#NOT_AUDITED} says why). Where a welcome or a transcript's transition shares its
 * microsecond with an edge, the ledger cannot tell which side of it the time fell: the figures it moves read as any
 * of the values either side gives ({@link Backs}, {@link ConvergenceSample}, {@link WindowOutcomes},
 * {@link ReconnectPeak}).
 *
 * <p>Stateless; any thread.
 */
final class RecoveryChecks {
    private RecoveryChecks() {
    }

    static List<Check> figures(Recount recount) {
        TreeSet<String> clients = new TreeSet<>(recount.clientNames());
        recount.welcomes().forEach(w -> clients.add(w.client()));
        recount.refetches().forEach(r -> clients.add(r.client()));
        Map<String, ConvergenceSample> samples = new HashMap<>();
        recount.convergence().forEach(s -> samples.put(key(s.fault(), s.occurrence(), s.client()), s));
        Map<String, Map<String, List<Long>>> welcomes = new HashMap<>(); // per client and link, when welcomed
        recount.welcomes().forEach(w -> welcomes.computeIfAbsent(w.client(), c -> new TreeMap<>())
                .computeIfAbsent(w.link(), l -> new ArrayList<>()).add(w.atUs()));
        List<FaultRow> windows = recount.faults();
        List<Check> checks = new ArrayList<>();
        for (FaultRow window : windows) {
            long until = Long.MAX_VALUE;
            for (FaultRow other : windows) {
                if (other.startUs() >= window.endUs()) { // as TraceWindow.nextStart: one starting inside does not cut it
                    until = Math.min(until, other.startUs());
                }
            }
            List<String> targeted = clients.stream().filter(c -> window.serverSide() || window.clients().isEmpty()
                    || window.clients().contains(c)).toList();
            List<List<WindowOutcomes.Outcome>> outcomes = new ArrayList<>();
            List<Backs> links = new ArrayList<>(); // of every targeted client
            for (String client : targeted) {
                List<Backs> own = new ArrayList<>();
                for (List<Long> times : welcomes.getOrDefault(client, Map.of()).values()) {
                    own.add(Backs.ofLink(times.stream().mapToLong(Long::longValue).toArray(), window.startUs(),
                            window.endUs(), until));
                }
                links.addAll(own);
                outcomes.add(WindowOutcomes.of(Backs.latest(own),
                        converged(samples.get(key(window.fault(), window.occurrence(), client)), window), window));
            }
            WindowOutcomes recovered = new WindowOutcomes(outcomes, window.endUs());
            String at = "recovery[" + window.fault() + "/" + window.occurrence() + "].";
            checks.add(Check.of(at + "start", Reading.nanosOfMicros(window.startUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "end", Reading.nanosOfMicros(window.endUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "clients", new Reading.Whole(targeted.size()), Tolerance.EXACT));
            checks.add(Check.of(at + "reconnected", recovered.reconnected(), Tolerance.EXACT));
            checks.add(Check.of(at + "neverConverged", recovered.neverConverged(), Tolerance.EXACT));
            checks.add(Check.of(at + "recovery", recovered.recovery(), Tolerance.MICROS));
            if (!targeted.isEmpty()) {
                checks.add(Check.of(at + "slowest.back", recovered.slowest(recovered::backAfterEnd), Tolerance.MICROS));
                checks.add(Check.of(at + "slowest.converged", recovered.slowest(recovered::convergedAfterEnd),
                        Tolerance.MICROS));
            }
            refetched(checks, at, recount.refetches(), targeted, window.startUs(), until);
            checks.add(Check.of(at + "reconnectPeak", ReconnectPeak.of(recount.welcomes(), window.startUs(),
                    reaches(recovered, links, until)), Tolerance.EXACT));
        }
        return checks;
    }

    /** When the client may have converged (the window's end without a sample), null for never. */
    private static List<Long> converged(ConvergenceSample sample, FaultRow window) {
        return sample == null ? List.of(window.endUs()) : sample.admitted().stream()
                .map(after -> after == null ? null : sample.windowEndUs() + after).toList();
    }

    /**
     * Until when the reconnect peak counts: each time the recovery may have ended, with the links of targeted
     * clients surely back then; the next window's start when a client may never have recovered.
     */
    private static List<ReconnectPeak.Reach> reaches(WindowOutcomes recovered, List<Backs> links, long until) {
        List<ReconnectPeak.Reach> reaches = new ArrayList<>();
        for (long end : recovered.recoveredAt()) {
            reaches.add(new ReconnectPeak.Reach(end, links.stream().filter(l -> l.surelyAt(end)).count()));
        }
        if (recovered.mayNeverRecover()) {
            reaches.add(new ReconnectPeak.Reach(until, 0));
        }
        return reaches;
    }

    private static void refetched(List<Check> checks, String at, List<RefetchRow> refetches, List<String> targeted,
                                  long from, long until) {
        long[] messages = new long[targeted.size()];
        long[] bytes = new long[targeted.size()];
        for (RefetchRow r : refetches) {
            int i = targeted.indexOf(r.client());
            if (i >= 0 && r.atUs() >= from && r.atUs() < until) {
                messages[i] += r.messages();
                bytes[i] += r.bytes();
            }
        }
        spread(checks, at + "refetchedMessages.", messages);
        spread(checks, at + "refetchedBytes.", bytes);
    }

    /** The nearest-rank median, the largest and the sum; all 0 without clients. */
    private static void spread(List<Check> checks, String at, long[] perClient) {
        long[] sorted = perClient.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        checks.add(Check.of(at + "p50", new Reading.Whole(n == 0 ? 0 : sorted[(int) Math.ceil(n / 2.0) - 1]),
                Tolerance.EXACT));
        checks.add(Check.of(at + "max", new Reading.Whole(n == 0 ? 0 : sorted[n - 1]), Tolerance.EXACT));
        checks.add(Check.of(at + "total", new Reading.Whole(Arrays.stream(sorted).sum()), Tolerance.EXACT));
    }

    private static String key(String fault, int occurrence, String client) {
        return fault + '\n' + occurrence + '\n' + client;
    }
}
