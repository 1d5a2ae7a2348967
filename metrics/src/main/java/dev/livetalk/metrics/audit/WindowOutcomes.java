package dev.livetalk.metrics.audit;

import dev.livetalk.metrics.ledger.FaultRow;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * One fault window's recovery figures (docs/METRICS.md, Recovery) from every outcome each of its
 * targeted clients may have had as the ledger tells it ({@link Outcome}). Where the ledger cannot
 * tell which outcome a client had (a welcome or a transition in the microsecond of an edge,
 * {@link Backs}, {@link ConvergenceSample}), a figure reads as any of the values the outcomes give
 * ({@link Reading.AnyOf}): the checkers' is one of them. Microseconds.
 *
 * <p>Immutable; any thread.
 */
final class WindowOutcomes {
    /**
     * One outcome a targeted client may have had.
     *
     * @param backUs      when it was back; {@code null} when not welcomed again after the window's start
     * @param convergedUs when it converged (the window's end without a convergence sample); {@code null}: never
     * @param never       whether it never recovered: it never converged, or a restart's client was never welcomed again
     * @param recoveredUs when it was back and converged, the later of the two (back: the window's start when it was
     *                    not welcomed again)
     */
    record Outcome(Long backUs, Long convergedUs, boolean never, long recoveredUs) {
    }

    private final List<List<Outcome>> clients;
    private final long endUs;

    /** @param clients per targeted client (in client id order), every outcome it may have had */
    WindowOutcomes(List<List<Outcome>> clients, long endUs) {
        this.clients = clients.stream().map(List::copyOf).toList();
        this.endUs = endUs;
        if (this.clients.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a targeted client has at least one outcome");
        }
    }

    /** The outcomes of a client back as {@code backs} says and converged at one of {@code converged} (null: never). */
    static List<Outcome> of(Backs backs, List<Long> converged, FaultRow window) {
        List<Long> back = new ArrayList<>(backs.welcomedAt());
        if (backs.mayBeNone()) {
            back.add(null);
        }
        boolean restart = "restart".equals(window.type());
        List<Outcome> outcomes = new ArrayList<>();
        for (Long b : back) {
            for (Long c : converged) {
                outcomes.add(new Outcome(b, c, c == null || restart && b == null,
                        Math.max(b == null ? window.startUs() : b, c == null ? window.endUs() : c)));
            }
        }
        return outcomes;
    }

    /** The targeted clients welcomed again after the window's start. */
    Reading reconnected() {
        return count(o -> o.backUs() != null);
    }

    /** The targeted clients that never recovered ({@link Outcome#never}). */
    Reading neverConverged() {
        return count(Outcome::never);
    }

    /** From the window's end until every targeted client was back and converged; none when one never was. */
    Reading recovery() {
        List<Reading> readings = new ArrayList<>();
        if (mayNeverRecover()) {
            readings.add(new Reading.None());
        }
        recoveredAt().forEach(at -> readings.add(Reading.nanosOfMicros(at - endUs)));
        return Reading.anyOf(readings);
    }

    /** Whether a targeted client may never have recovered. */
    boolean mayNeverRecover() {
        return clients.stream().anyMatch(c -> c.stream().anyMatch(Outcome::never));
    }

    /**
     * When the recovery may have ended, where every targeted client recovered: the latest of its clients' times,
     * from the least (each client at its earliest) to any later time a client may have recovered at; empty when a
     * client surely never recovered.
     */
    SortedSet<Long> recoveredAt() {
        TreeSet<Long> ats = new TreeSet<>();
        if (!clients.stream().allMatch(c -> c.stream().anyMatch(o -> !o.never()))) {
            return ats;
        }
        long least = endUs;
        for (List<Outcome> client : clients) {
            least = Math.max(least, client.stream().filter(o -> !o.never()).mapToLong(Outcome::recoveredUs).min()
                    .orElseThrow());
        }
        ats.add(least);
        for (List<Outcome> client : clients) {
            for (Outcome o : client) {
                if (!o.never() && o.recoveredUs() > least) {
                    ats.add(o.recoveredUs());
                }
            }
        }
        return ats;
    }

    /**
     * The outcomes of the client that held the recovery back (RecoveryCheck), any of them: of a window that never
     * recovered, the first client id that never did (any client that may not have, while every client before it may
     * have); of one that recovered, a client that recovered when it ended. The checkers take the first client id of
     * those tied in nanoseconds; the ledger keeps all those tied on the microsecond (flooring keeps the order, so
     * the checkers' is one of them). Empty without targeted clients.
     */
    List<Outcome> slowest() {
        List<Outcome> held = new ArrayList<>();
        boolean earlierMayRecover = true;
        for (List<Outcome> client : clients) {
            if (earlierMayRecover) {
                client.stream().filter(Outcome::never).forEach(held::add);
            }
            earlierMayRecover &= client.stream().anyMatch(o -> !o.never());
        }
        for (long at : recoveredAt()) {
            for (List<Outcome> client : clients) {
                client.stream().filter(o -> !o.never() && o.recoveredUs() == at).forEach(held::add);
            }
        }
        return held;
    }

    /** Any of a figure ({@code figure}: microseconds, or null) of the slowest client's outcomes, in nanoseconds. */
    Reading slowest(Function<Outcome, Long> figure) {
        return Reading.anyOf(slowest().stream().map(o -> Reading.nanosOfMicros(figure.apply(o))).toList());
    }

    /** The slowest client's back after the window's end: 0 when before it, none when not welcomed again. */
    Long backAfterEnd(Outcome outcome) {
        return outcome.backUs() == null ? null : Math.max(0, outcome.backUs() - endUs);
    }

    /** The slowest client's converged after the window's end, none when never. */
    Long convergedAfterEnd(Outcome outcome) {
        return outcome.convergedUs() == null ? null : outcome.convergedUs() - endUs;
    }

    /** How many targeted clients {@code counted} holds for: from those it holds for in every outcome to those it may. */
    private Reading count(Predicate<Outcome> counted) {
        long surely = clients.stream().filter(c -> c.stream().allMatch(counted)).count();
        long maybe = clients.stream().filter(c -> c.stream().anyMatch(counted)).count();
        return Reading.anyOf(LongStream.rangeClosed(surely, maybe).<Reading>mapToObj(Reading.Whole::new).toList());
    }
}
