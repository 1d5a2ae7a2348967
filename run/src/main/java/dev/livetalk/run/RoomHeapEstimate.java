package dev.livetalk.run;

import dev.livetalk.scenarios.Room;
import dev.livetalk.scenarios.Scenario;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * About how much heap the measurement of a scenario's largest room holds at its peak, told before
 * the run starts. A run is measured one room at a time once its play is over (the trace waits on
 * disk), and a room's measurement holds the room's messages and what each member showed until the
 * room's figures are made: it grows with the room's messages, its members and the receipts they
 * got, not with the run's other rooms. An hour of a room too large for the heap would otherwise be
 * told only after its play, when the heap guard stops the run ({@link MemoryGuard}).
 *
 * <p>The sizes are the room's objects at its peak (the end of its members' replay), measured by
 * their layout (JOL) for {@code reconcile} in the simulator, rooms of 5 to 40 members at 52.5
 * messages a second, 2 to 10 minutes (README, "Soak runs"): a fixed part, a part per member (its
 * transcript's window), a part per message (its send, commit, logical message, texts, index
 * entries and its sender's status steps), a part per message and member (when and where the member
 * showed it, and with the ledger its line counts and placements) and 20 bytes a receipt (each
 * member gets every other member's delivered and read markers as receipts: the part that grows
 * with the square of the members). The fit's residuals were within 6% on those rooms; another
 * strategy, another mix of faults or much another rate is an estimate further off.
 *
 * @param room     the room with the most held
 * @param members  its members
 * @param messages the messages its members send through the warm-up and the duration
 * @param receipts the receipts its members get: each member's markers (a delivered and a read
 *                 marker per period at most, through the whole run, and only when it advances: no
 *                 more of each than the room's messages) to every other member
 * @param bytes    about what its measurement holds at its peak
 * @param runBytes about what the run holds while the room is measured: {@link #RUN_PER_ROOM} times
 *                 the room, {@link #RUN_BESIDE} and {@link #RUN_PER_USER} for each of the scenario's
 *                 users
 */
public record RoomHeapEstimate(String room, int members, long messages, long receipts, long bytes, long runBytes) {
    /** Bytes a receipt of a member: its seq, time and head, as the measurement holds them. */
    static final long RECEIPT_BYTES = 20;
    /**
     * The run's heap while a room is measured, per byte of the room's estimate: the room's figures
     * and ledger rows being made beside it. With {@link #RUN_BESIDE} and {@link #RUN_PER_USER}, set
     * from three runs in the simulator with their ledgers, told against the old generation's maximum
     * (what the heap guard watches: {@link MemoryGuard#watchedMax}): one room of 40 members for 10
     * minutes (155 MB by this estimate, the run 430 MB) stopped early with 400 MB of old generation
     * ({@code -XX:+UseParallelGC -Xmx600m}) and passed with 467 MB ({@code -Xmx700m}) and 533 MB; the
     * hour of {@code soak-1h} (rooms of 250 MB, the run 714 MB) held 458 to 621 MB after each full
     * collection while its rooms were measured, and passes in a 2 GB heap (1.79 GB of old
     * generation); the hour of that room of 40 (860 MB, the run 2.1 GB) held 2.18 GB at most after a
     * full collection, and passed in the launcher's 4 GB. Those runs were of a build whose rooms held
     * about 100 bytes a message more (the estimate then: 158 MB and 438 MB, 268 MB and 759 MB, 877 MB
     * and 2.2 GB; docs/PERFORMANCE.md, "Soak runs").
     */
    static final double RUN_PER_ROOM = 2.5;
    /** What a run holds beside its rooms and users: the latency samples before they go to disk (32 MB). */
    static final long RUN_BESIDE = 32L << 20;
    /**
     * What a run holds per user of its scenario beside the room: in the simulator the self-check's
     * second play goes on beside the measurement, its clients each with a transcript window as a
     * member's replay holds one (about 0.29 MB a member).
     */
    static final long RUN_PER_USER = 300_000;

    /** The sizes of one kind of run: with its ledger or without. */
    private record Sizes(long fixed, long perMember, long perMessage, double perMessageAndMember) {
    }

    private static final Sizes WITH_LEDGER = new Sizes(1_380_000, 282_000, 862, 36.4);
    private static final Sizes WITHOUT_LEDGER = new Sizes(1_220_000, 266_000, 854, 24.5);

    /** The room of {@code scenario} whose measurement holds the most, played with {@code settings}; empty without rooms. */
    public static Optional<RoomHeapEstimate> largest(Scenario scenario, RunSettings settings, boolean ledger) {
        Sizes sizes = ledger ? WITH_LEDGER : WITHOUT_LEDGER;
        Map<String, Integer> roomsOf = new HashMap<>();
        for (Room room : scenario.rooms()) {
            room.members().forEach(user -> roomsOf.merge(user, 1, Integer::sum));
        }
        double sending = seconds(scenario.warmup().plus(scenario.duration()));
        double running = seconds(scenario.runLength());
        double readMarkers = running / seconds(settings.readEvery()); // each member's at most, by its period
        double deliveredMarkers = running / seconds(settings.deliveredEvery());
        RoomHeapEstimate largest = null;
        for (Room room : scenario.rooms()) {
            int members = room.members().size();
            double perSecond = 0;
            if (scenario.load() != null) {
                for (String user : room.members()) { // a user sends to each of its rooms in turn
                    perSecond += scenario.load().ratePerSender() / roomsOf.get(user);
                }
            }
            long messages = Math.round(perSecond * sending);
            // a marker goes out only when it advances (ReadMarkers), by a message at least: a quiet room's fewer
            double markers = Math.min(readMarkers, messages) + Math.min(deliveredMarkers, messages);
            long receipts = Math.round(markers * members * Math.max(0, members - 1));
            long bytes = Math.round(sizes.fixed + (double) sizes.perMember * members
                    + messages * (sizes.perMessage + sizes.perMessageAndMember * members)
                    + (double) RECEIPT_BYTES * receipts);
            if (largest == null || bytes > largest.bytes) {
                // in double: a room past 3.7 EB saturates, never wraps
                long run = Math.round(RUN_PER_ROOM * bytes + RUN_BESIDE + (double) RUN_PER_USER * scenario.users().size());
                largest = new RoomHeapEstimate(room.name(), members, messages, receipts, bytes, run);
            }
        }
        return Optional.ofNullable(largest);
    }

    /**
     * A warning when the run, while this room is measured ({@link #runBytes}), would pass the heap
     * guard's share of {@code maxHeap}; empty otherwise.
     */
    public Optional<String> warning(String scenario, long maxHeap) {
        if (runBytes <= MemoryGuard.DEFAULT_SHARE * maxHeap) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "livetalk: warning: scenario %s: measuring room %s (%d members,"
                        + " about %,d messages and %,d receipts) will hold about %s of heap and the run about %s,"
                        + " past %.0f%% of the maximum heap of %s, so it is likely to stop early (exit 4) after its"
                        + " play: give it more heap (LIVETALK_JAVA_OPTS=-Xmx...), a shorter duration, or its members in"
                        + " more rooms (README: Soak runs)",
                scenario, room, members, messages, receipts, MemoryGuard.bytes(bytes), MemoryGuard.bytes(runBytes),
                MemoryGuard.DEFAULT_SHARE * 100, MemoryGuard.bytes(maxHeap)));
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9; // a run past 292 years has no long of nanoseconds
    }
}
