package dev.livetalk.bench.ceiling;

import dev.livetalk.scenarios.Backend;
import dev.livetalk.scenarios.Room;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.StrategySelection;
import dev.livetalk.scenarios.fault.FaultSpec;
import dev.livetalk.scenarios.fault.Timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a scale scenario (its users per room, load per user, warm-up, quiesce, fault
 * timeline, seed and budgets), resized to another client count and duration: {@code clients}
 * users named as the loader names generated ones ({@code user001}..), spread round robin over
 * as many rooms as keep the shape's users per room ({@code clients / users-per-room}, rounded,
 * at least one), and every fault's times scaled by {@code duration / shape's duration} (the
 * library's 60 s with a fault at 20 s for 5 s becomes, over 6 s, a fault at 2 s for 500 ms).
 * Played through Toxiproxy whatever the shape's network.
 *
 * <p>Immutable; any thread.
 */
public final class ScaleShape {
    private final Scenario shape;

    /** @param shape a scenario with at least one user and one room */
    public ScaleShape(Scenario shape) {
        if (shape.users().isEmpty() || shape.rooms().isEmpty()) {
            throw new IllegalArgumentException("the scale shape " + shape.name() + " has no users or no rooms");
        }
        this.shape = shape;
    }

    /** The shape's scenario, as loaded. */
    public Scenario shape() {
        return shape;
    }

    /** The shape's users per room (10 in the library's scale scenario). */
    public double usersPerRoom() {
        return shape.users().size() / (double) shape.rooms().size();
    }

    /** How many rooms {@code clients} users fill at the shape's users per room: rounded, at least one. */
    public int roomsFor(int clients) {
        return (int) Math.max(1, Math.round(clients / usersPerRoom()));
    }

    /** The shape with {@code clients} users, its rooms and its faults' times scaled to {@code duration}, for {@code strategy}. */
    public Scenario resize(int clients, Duration duration, String strategy) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1: " + clients);
        }
        List<String> users = names("user", clients);
        List<String> roomNames = names("room", roomsFor(clients));
        List<List<String>> members = new ArrayList<>();
        roomNames.forEach(r -> members.add(new ArrayList<>()));
        for (int i = 0; i < users.size(); i++) {
            members.get(i % roomNames.size()).add(users.get(i));
        }
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < roomNames.size(); i++) {
            rooms.add(new Room(roomNames.get(i), members.get(i)));
        }
        double factor = duration.toNanos() / (double) shape.duration().toNanos();
        List<FaultSpec> faults = shape.faults().stream().map(f -> new FaultSpec(f.name(), f.fault(),
                scaled(f.timing(), factor), f.direction(), f.target())).toList();
        return new Scenario("ceiling-" + clients + "-clients",
                String.format(Locale.ROOT, "%s resized: %d clients, %d rooms, %d s", shape.name(), clients,
                        rooms.size(), duration.toSeconds()),
                shape.seed(), Backend.TOXIPROXY, duration, shape.warmup(), shape.quiesce(), users, rooms,
                shape.clientShape(), shape.load(), new StrategySelection.Named(List.of(strategy)), faults,
                shape.budgets(), shape.server(), shape.clients());
    }

    /** The shortest window among the faults once scaled to {@code duration}; {@link Duration#ZERO} without faults. */
    public Duration shortestFaultWindow(Duration duration) {
        double factor = duration.toNanos() / (double) shape.duration().toNanos();
        return shape.faults().stream().map(f -> scale(f.timing().length(), factor)).min(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    private static Timing scaled(Timing timing, double factor) {
        return switch (timing) {
            case Timing.Once once -> new Timing.Once(scale(once.at(), factor), scale(once.length(), factor));
            case Timing.Every every -> new Timing.Every(scale(every.first(), factor), scale(every.period(), factor),
                    scale(every.length(), factor), every.count(), every.arrival());
        };
    }

    /** {@code d * factor}, to the millisecond. */
    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    /** {@code prefix1..prefixN}, zero-padded to N's width, as the loader generates names. */
    private static List<String> names(String prefix, int count) {
        int width = Integer.toString(count).length();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(prefix + String.format(Locale.ROOT, "%0" + width + "d", i));
        }
        return names;
    }
}
