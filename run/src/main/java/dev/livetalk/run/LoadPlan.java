package dev.livetalk.run;

import dev.livetalk.scenarios.Arrival;
import dev.livetalk.scenarios.Load;
import dev.livetalk.scenarios.Scenario;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The open-model send schedule of a run: every user sends {@code rate} messages per second
 * to its rooms in turn, through the warm-up and the duration, at times fixed in advance
 * (constant spacing with a random phase, or Poisson arrivals), so that latency is measured
 * from when a message was due, not from when a busy harness got round to it.
 *
 * <p>All randomness comes from the seed: one seed, one plan. Each user's sends come from a
 * random stream of its own, so the plan is made as it is read ({@link #stream()}): the users'
 * sends merged by intended time (ties by user order), numbered in that order. An hour of 200
 * users is 3.8 million sends, which held as a list took 150 MB for as long as the run lasted.
 * Immutable.
 */
public final class LoadPlan {
    /** Keeps the load's random stream apart from the fault schedule's, which uses the seed as it is. */
    private static final long LOAD_STREAM = 0x4c4f_4144_5354_524dL;
    private static final double NANOS_PER_SECOND = 1e9;

    private final long seed;
    private final Load load;
    private final long end;
    /** Per user that sends, in the scenario's order: its name and its rooms. */
    private final List<String> users;
    private final List<List<String>> rooms;
    /** Per user of the scenario (those without rooms too: each takes a split of the seed's stream). */
    private final List<Boolean> sends;

    private LoadPlan(long seed, Load load, long end, List<String> users, List<List<String>> rooms,
                     List<Boolean> sends) {
        this.seed = seed;
        this.load = load;
        this.end = end;
        this.users = users;
        this.rooms = rooms;
        this.sends = sends;
    }

    /** Resolves the load of {@code scenario} with {@code seed}. */
    public static LoadPlan resolve(Scenario scenario, long seed) {
        List<String> users = new ArrayList<>();
        List<List<String>> rooms = new ArrayList<>();
        List<Boolean> sends = new ArrayList<>();
        for (String user : scenario.users()) {
            List<String> of = RunSetup.roomsOf(scenario, user);
            sends.add(!of.isEmpty());
            if (!of.isEmpty()) {
                users.add(user);
                rooms.add(List.copyOf(of));
            }
        }
        return new LoadPlan(seed, scenario.load(), scenario.warmup().plus(scenario.duration()).toNanos(),
                List.copyOf(users), List.copyOf(rooms), List.copyOf(sends));
    }

    /** The seed it was resolved with. */
    public long seed() {
        return seed;
    }

    /** Every send, by intended time (ties by user order), made as the stream is read. */
    public Stream<PlannedSend> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Merge(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** Every send, by intended time (ties by user order), as a list: for short plans (tests). */
    public List<PlannedSend> sends() {
        return stream().toList();
    }

    /** Messages per second over the whole plan. */
    public double ratePerSecond(Scenario scenario) {
        double seconds = scenario.warmup().plus(scenario.duration()).toNanos() / NANOS_PER_SECOND;
        return stream().count() / seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadPlan other && seed == other.seed && end == other.end && load.equals(other.load)
                && users.equals(other.users) && rooms.equals(other.rooms) && sends.equals(other.sends);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, load, end, users, rooms);
    }

    @Override
    public String toString() {
        return "LoadPlan[seed=" + seed + ", users=" + users.size() + ", load=" + load + "]";
    }

    private static double gap(SplittableRandom random, double mean) {
        return -Math.log(1.0 - random.nextDouble()) * mean;
    }

    /** One user's sends, one at a time, from its own random stream. */
    private final class UserSends {
        final int order;
        final String user;
        final List<String> userRooms;
        final SplittableRandom random;
        final double interval;
        double at;
        /** The user's sends so far, which pick its rooms in turn: a long, as the plan's send numbers are. */
        long n;
        /** The next send's intended time (truncated, as in the plan) and whether it replies. */
        long nextAt;
        boolean nextReply;

        UserSends(int order, String user, List<String> userRooms, SplittableRandom random, double interval) {
            this.order = order;
            this.user = user;
            this.userRooms = userRooms;
            this.random = random;
            this.interval = interval;
            this.at = load.arrival() == Arrival.POISSON ? gap(random, interval) : random.nextDouble() * interval;
        }

        /** Draws the next send; false when the plan ends before it. */
        boolean advance() {
            if (!(at < end)) {
                return false;
            }
            nextReply = load.replyShare() > 0 && random.nextDouble() < load.replyShare();
            nextAt = (long) at;
            at += load.arrival() == Arrival.POISSON ? gap(random, interval) : interval;
            return true;
        }

        String room() {
            return userRooms.get((int) (n++ % userRooms.size()));
        }
    }

    /** The users' sends merged by intended time, ties by user order, numbered as they come. */
    private final class Merge implements Iterator<PlannedSend> {
        private final PriorityQueue<UserSends> queue = new PriorityQueue<>((a, b) -> a.nextAt != b.nextAt
                ? Long.compare(a.nextAt, b.nextAt) : Integer.compare(a.order, b.order));
        private long index;

        Merge() {
            double interval = NANOS_PER_SECOND / load.ratePerSender();
            SplittableRandom master = new SplittableRandom(seed ^ LOAD_STREAM);
            int sender = 0;
            for (int u = 0; u < sends.size(); u++) {
                SplittableRandom random = master.split(); // every user takes its split, as the plan always did
                if (!sends.get(u)) {
                    continue;
                }
                UserSends user = new UserSends(sender, users.get(sender), rooms.get(sender), random, interval);
                sender++;
                if (user.advance()) {
                    queue.add(user);
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !queue.isEmpty();
        }

        @Override
        public PlannedSend next() {
            UserSends user = queue.poll();
            if (user == null) {
                throw new NoSuchElementException("the plan has no more sends");
            }
            PlannedSend send = new PlannedSend(index++, user.nextAt, user.user, user.room(), user.nextReply);
            if (user.advance()) {
                queue.add(user);
            }
            return send;
        }
    }
}
