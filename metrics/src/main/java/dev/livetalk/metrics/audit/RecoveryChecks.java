package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;
import dev.livetalk.metrics.ledger.RefetchRow;
import dev.livetalk.metrics.ledger.WelcomeRow;

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
 * recounted ({@link FigureTable#NOT_AUDITED} says why).
 *
 * <p>Stateless; any thread.
 */
final class RecoveryChecks {
    private static final long SECOND_US = 1_000_000L;

    private RecoveryChecks() {
    }

    static List<Check> figures(Recount recount) {
        TreeSet<String> clients = new TreeSet<>(recount.clientNames());
        recount.welcomes().forEach(w -> clients.add(w.client()));
        recount.refetches().forEach(r -> clients.add(r.client()));
        Map<String, ConvergenceSample> samples = new HashMap<>();
        recount.convergence().forEach(s -> samples.put(key(s.fault(), s.occurrence(), s.client()), s));
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
            long recoveredAt = window.endUs();
            long reconnected = 0;
            long never = 0;
            // the slowest client (RecoveryCheck): the latest to recover, the first client id on a tie; of a window that
            // never recovered, the first that never converged (clients is sorted). The checkers compare nanoseconds,
            // the ledger floors each time to a microsecond: the checkers' slowest is one of those tied on the latest
            // microsecond here (flooring keeps the order), but which one the ledger cannot tell, so every one is kept
            List<Long[]> slowest = new ArrayList<>();
            long slowestAt = Long.MIN_VALUE;
            Long[] firstNever = null;
            for (String client : targeted) {
                long back = backAt(recount.welcomes(), client, window, until);
                boolean welcomed = back > window.startUs();
                reconnected += welcomed ? 1 : 0;
                ConvergenceSample sample = samples.get(key(window.fault(), window.occurrence(), client));
                boolean droppedForGood = "restart".equals(window.type()) && !welcomed;
                boolean neverConverged = sample != null && sample.convergedAfterUs() == null;
                long converged = sample == null || neverConverged ? window.endUs()
                        : sample.windowEndUs() + sample.convergedAfterUs();
                Long[] figures = {welcomed ? Math.max(0, back - window.endUs()) : null,
                        neverConverged ? null : converged - window.endUs()};
                if (neverConverged || droppedForGood) {
                    never++;
                    firstNever = firstNever == null ? figures : firstNever;
                }
                long clientRecovered = Math.max(back, converged);
                if (clientRecovered > slowestAt) {
                    slowest.clear();
                    slowestAt = clientRecovered;
                }
                if (clientRecovered == slowestAt) {
                    slowest.add(figures);
                }
                recoveredAt = Math.max(recoveredAt, clientRecovered);
            }
            String at = "recovery[" + window.fault() + "/" + window.occurrence() + "].";
            checks.add(Check.of(at + "start", Reading.nanosOfMicros(window.startUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "end", Reading.nanosOfMicros(window.endUs()), Tolerance.MICROS));
            checks.add(Check.of(at + "clients", new Reading.Whole(targeted.size()), Tolerance.EXACT));
            checks.add(Check.of(at + "reconnected", new Reading.Whole(reconnected), Tolerance.EXACT));
            checks.add(Check.of(at + "neverConverged", new Reading.Whole(never), Tolerance.EXACT));
            checks.add(Check.of(at + "recovery", never > 0 ? new Reading.None()
                    : Reading.nanosOfMicros(recoveredAt - window.endUs()), Tolerance.MICROS));
            List<Long[]> held = never > 0 ? List.<Long[]>of(firstNever) : slowest;
            if (!held.isEmpty()) {
                checks.add(Check.of(at + "slowest.back", anyOf(held, 0), Tolerance.MICROS));
                checks.add(Check.of(at + "slowest.converged", anyOf(held, 1), Tolerance.MICROS));
            }
            refetched(checks, at, recount.refetches(), targeted, window.startUs(), until);
            checks.add(Check.of(at + "reconnectPeak", new Reading.Whole(peak(recount.welcomes(), window.startUs(),
                    never > 0 ? until : recoveredAt)), Tolerance.EXACT));
        }
        return checks;
    }

    /** The {@code figure}th time (0 back, 1 converged) of the clients {@code held}: any one of them, in microseconds. */
    private static Reading anyOf(List<Long[]> held, int figure) {
        List<Reading> readings = held.stream().map(h -> Reading.nanosOfMicros(h[figure])).distinct().toList();
        return readings.size() == 1 ? readings.getFirst() : new Reading.AnyOf(readings);
    }

    /** Per link, the first welcome from the window's end until {@code until}, else the last during it; the latest. */
    private static long backAt(List<WelcomeRow> welcomes, String client, FaultRow window, long until) {
        Map<String, Long> back = new TreeMap<>();
        Map<String, Long> during = new TreeMap<>();
        for (WelcomeRow w : welcomes) {
            if (!w.client().equals(client)) {
                continue;
            }
            if (w.atUs() >= window.endUs() && w.atUs() < until) {
                back.merge(w.link(), w.atUs(), Math::min);
            } else if (w.atUs() > window.startUs() && w.atUs() < window.endUs()) {
                during.merge(w.link(), w.atUs(), Math::max);
            }
        }
        during.putAll(back);
        return during.values().stream().mapToLong(Long::longValue).max().orElse(window.startUs());
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

    /** The most welcomes in one second of {@code [from, until]}, seconds counted from {@code from}. */
    private static long peak(List<WelcomeRow> welcomes, long from, long until) {
        Map<Long, Long> buckets = new HashMap<>();
        for (WelcomeRow w : welcomes) {
            if (w.atUs() >= from && w.atUs() <= until) {
                buckets.merge((w.atUs() - from) / SECOND_US, 1L, Long::sum);
            }
        }
        return buckets.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static String key(String fault, int occurrence, String client) {
        return fault + '\n' + occurrence + '\n' + client;
    }
}
