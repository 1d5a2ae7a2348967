package dev.livetalk.scenarios.fault;

import dev.livetalk.scenarios.Arrival;
import dev.livetalk.scenarios.Room;
import dev.livetalk.scenarios.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The fault timeline of a scenario resolved to concrete windows and clients. Every random
 * choice (which clients a share picks, Poisson gaps of periodic faults) comes from one
 * {@link SplittableRandom} seeded with {@code seed}, split once per fault in file order, so
 * resolving twice with one seed gives equal schedules. Written to the run's output with
 * {@link FaultScheduleJson}.
 *
 * <p>Immutable; any thread.
 */
public record FaultSchedule(long seed, List<FaultWindow> windows) {

    public FaultSchedule {
        windows = List.copyOf(windows);
    }

    /** Resolves with the scenario's own seed. */
    public static FaultSchedule resolve(Scenario scenario) {
        return resolve(scenario, scenario.seed());
    }

    /** Resolves with {@code seed} (the command line's {@code --seed} overrides the file's). */
    public static FaultSchedule resolve(Scenario scenario, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<FaultWindow> windows = new ArrayList<>();
        for (FaultSpec spec : scenario.faults()) {
            SplittableRandom random = root.split();
            Target target = spec.target();
            List<String> clients = clients(target, scenario, random);
            List<Duration> starts = starts(spec.timing(), scenario.duration(), random);
            for (int i = 0; i < starts.size(); i++) {
                Duration start = starts.get(i);
                windows.add(new FaultWindow(spec.name(), i, start, start.plus(spec.timing().length()),
                        spec.fault(), spec.direction(), clients, link(target), target instanceof Target.ServerSide));
            }
        }
        windows.sort(Comparator.comparing(FaultWindow::start));
        requireOneServerFaultAtATime(windows);
        return new FaultSchedule(seed, windows);
    }

    /**
     * Server faults act on the one server process, one at a time: a restart of a paused server,
     * or two slow-commit windows over each other, have no single meaning. Refused with both
     * windows named.
     */
    private static void requireOneServerFaultAtATime(List<FaultWindow> windows) {
        FaultWindow previous = null;
        for (FaultWindow window : windows) {
            if (!window.kind().onServer()) {
                continue;
            }
            if (previous != null && window.start().compareTo(previous.end()) < 0) {
                throw new IllegalArgumentException("server faults must not overlap (they act on the one server process,"
                        + " one at a time): " + describe(previous) + " and " + describe(window));
            }
            if (previous == null || window.end().compareTo(previous.end()) > 0) {
                previous = window;
            }
        }
    }

    private static String describe(FaultWindow window) {
        return window.kind().yamlName() + " '" + window.fault() + "' #" + window.occurrence() + " "
                + dev.livetalk.scenarios.Durations.format(window.start()) + ".."
                + dev.livetalk.scenarios.Durations.format(window.end());
    }

    /** The windows active at {@code time} since the end of warm-up. */
    public List<FaultWindow> activeAt(Duration time) {
        return windows.stream().filter(w -> w.activeAt(time)).toList();
    }

    private static List<String> clients(Target target, Scenario scenario, SplittableRandom random) {
        return switch (target) {
            case Target.AllClients all -> scenario.users();
            case Target.ServerSide server -> List.of();
            case Target.Client client -> List.of(client.user());
            case Target.Room room -> scenario.rooms().stream().filter(r -> r.name().equals(room.room()))
                    .findFirst().map(Room::members).orElseThrow();
            case Target.Share share -> choose(scenario.users(), share.share(), random);
        };
    }

    /** A seeded choice of round(share * n) users, at least one, listed in declaration order. */
    private static List<String> choose(List<String> users, double share, SplittableRandom random) {
        int n = users.size();
        int k = (int) Math.max(1, Math.min(n, Math.round(share * n)));
        int[] order = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return IntStream.of(order).limit(k).sorted().mapToObj(users::get).toList();
    }

    private static List<Duration> starts(Timing timing, Duration runEnd, SplittableRandom random) {
        return switch (timing) {
            case Timing.Once once -> List.of(once.at());
            case Timing.Every every -> every.arrival() == Arrival.POISSON
                    ? poissonStarts(every, runEnd, random) : constantStarts(every, runEnd);
        };
    }

    private static List<Duration> constantStarts(Timing.Every every, Duration runEnd) {
        List<Duration> starts = new ArrayList<>();
        int limit = every.count().orElse(Timing.MAX_WINDOWS);
        for (Duration s = every.first(); starts.size() < limit && s.plus(every.length()).compareTo(runEnd) <= 0;
                s = s.plus(every.period())) {
            starts.add(s);
        }
        return starts;
    }

    /** Exponential gaps of mean {@code period} between starts, never closer than {@code length}. */
    private static List<Duration> poissonStarts(Timing.Every every, Duration runEnd, SplittableRandom random) {
        List<Duration> starts = new ArrayList<>();
        int limit = every.count().orElse(Timing.MAX_WINDOWS);
        double meanNanos = every.period().toNanos();
        Duration s = every.first();
        while (starts.size() < limit && s.plus(every.length()).compareTo(runEnd) <= 0) {
            starts.add(s);
            long gap = (long) (-Math.log(1.0 - random.nextDouble()) * meanNanos);
            s = s.plus(Duration.ofNanos(Math.max(gap, every.length().toNanos() + 1)));
        }
        return starts;
    }

    private static LinkSelector link(Target target) {
        return switch (target) {
            case Target.AllClients all -> all.link();
            case Target.ServerSide server -> LinkSelector.BOTH;
            case Target.Client client -> client.link();
            case Target.Room room -> room.link();
            case Target.Share share -> share.link();
        };
    }
}
