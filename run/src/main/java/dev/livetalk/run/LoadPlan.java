package dev.livetalk.run;

import dev.livetalk.scenarios.Arrival;
import dev.livetalk.scenarios.Load;
import dev.livetalk.scenarios.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The open-model send schedule of a run: every user sends {@code rate} messages per second
 * to its rooms in turn, through the warm-up and the duration, at times fixed in advance
 * (constant spacing with a random phase, or Poisson arrivals), so that latency is measured
 * from when a message was due, not from when a busy harness got round to it.
 *
 * <p>All randomness comes from the seed: one seed, one plan. Immutable.
 *
 * @param seed  the seed it was resolved with
 * @param sends every send, by intended time (ties by user order)
 */
public record LoadPlan(long seed, List<PlannedSend> sends) {
    /** Keeps the load's random stream apart from the fault schedule's, which uses the seed as it is. */
    private static final long LOAD_STREAM = 0x4c4f_4144_5354_524dL;
    private static final double NANOS_PER_SECOND = 1e9;

    public LoadPlan {
        sends = List.copyOf(sends);
    }

    /** Resolves the load of {@code scenario} with {@code seed}. */
    public static LoadPlan resolve(Scenario scenario, long seed) {
        Load load = scenario.load();
        long end = scenario.warmup().plus(scenario.duration()).toNanos();
        double interval = NANOS_PER_SECOND / load.ratePerSender();
        SplittableRandom master = new SplittableRandom(seed ^ LOAD_STREAM);
        List<PlannedSend> sends = new ArrayList<>();
        for (String user : scenario.users()) {
            SplittableRandom random = master.split();
            List<String> rooms = RunSetup.roomsOf(scenario, user);
            if (rooms.isEmpty()) {
                continue;
            }
            double at = load.arrival() == Arrival.POISSON ? gap(random, interval) : random.nextDouble() * interval;
            for (int n = 0; at < end; n++) {
                boolean reply = load.replyShare() > 0 && random.nextDouble() < load.replyShare();
                sends.add(new PlannedSend(0, (long) at, user, rooms.get(n % rooms.size()), reply));
                at += load.arrival() == Arrival.POISSON ? gap(random, interval) : interval;
            }
        }
        sends.sort(Comparator.comparingLong(PlannedSend::at));
        List<PlannedSend> indexed = new ArrayList<>(sends.size());
        for (PlannedSend send : sends) {
            indexed.add(new PlannedSend(indexed.size(), send.at(), send.user(), send.room(), send.reply()));
        }
        return new LoadPlan(seed, indexed);
    }

    /** Messages per second over the whole plan. */
    public double ratePerSecond(Scenario scenario) {
        double seconds = scenario.warmup().plus(scenario.duration()).toNanos() / NANOS_PER_SECOND;
        return sends.size() / seconds;
    }

    private static double gap(SplittableRandom random, double mean) {
        return -Math.log(1.0 - random.nextDouble()) * mean;
    }
}
