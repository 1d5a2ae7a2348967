package dev.livetalk.run;

import dev.livetalk.client.strategy.Strategies;
import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link RoomHeapEstimate}: what a scenario's rooms get, which room holds the most, and when a run is warned. */
class RoomHeapEstimateTest {
    private static final RunSettings SETTINGS = RunSettings.DEFAULTS;

    private static Scenario parse(String yaml) {
        try {
            return ScenarioLoader.parse("estimate.yaml", yaml, LoaderOptions.DEFAULTS);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** soak-1h's rooms and load (20 rooms of 10 at 5.25 messages a second a user), cut to {@code duration}. */
    private static Scenario soak(String duration) {
        return parse("""
                name: soak
                seed: 3600
                duration: %s
                warmup: 2s
                quiesce: 10s
                users: {count: 200, prefix: user}
                rooms: {count: 20, prefix: room}
                load:
                  rate: 5.25
                """.formatted(duration));
    }

    @Test
    void aRoomGetsItsMembersMessagesAndEachMembersMarkersAsReceiptsOfEveryOtherMember() {
        RoomHeapEstimate room = RoomHeapEstimate.largest(soak("1h"), SETTINGS, true).orElseThrow();

        assertThat(room.members()).isEqualTo(10);
        assertThat(room.messages()).isEqualTo(Math.round(10 * 5.25 * 3602)); // sent through the warm-up and the hour
        // a read and a delivered marker every 500 ms from each member, a receipt at each of the 9 others, 3,612 s
        assertThat(room.receipts()).isEqualTo(4L * 10 * 9 * 3612);
        // batching the delivered markers for 2 s: 2.5 markers a second, not 4
        RunSettings slower = new RunSettings(SETTINGS.readEvery(), SETTINGS.startupTimeout(), SETTINGS.reconnectCap(),
                Duration.ofSeconds(2), Strategies.load());
        RoomHeapEstimate fewer = RoomHeapEstimate.largest(soak("1h"), slower, true).orElseThrow();
        assertThat(fewer.receipts()).isEqualTo(Math.round(2.5 * 10 * 9 * 3612));
        assertThat(room.bytes() - fewer.bytes()).isEqualTo(RoomHeapEstimate.RECEIPT_BYTES * (room.receipts()
                - fewer.receipts()));
    }

    @Test
    void aUserInSeveralRoomsSendsToEachInTurnAndTheLargestRoomIsTold() {
        Scenario scenario = parse("""
                name: rooms
                seed: 1
                duration: 100s
                warmup: 0s
                users: [a, b, c, d, e]
                rooms:
                  - name: small
                    members: [a, b]
                  - name: large
                    members: [a, c, d, e]
                load:
                  rate: 2
                """);
        RoomHeapEstimate room = RoomHeapEstimate.largest(scenario, SETTINGS, false).orElseThrow();

        assertThat(room.room()).isEqualTo("large");
        assertThat(room.members()).isEqualTo(4);
        assertThat(room.messages()).isEqualTo(Math.round((2 / 2.0 + 2 + 2 + 2) * 100)); // a's rate split in two
    }

    @Test
    void theLedgerHoldsMoreAndARoomGrowsInProportionToItsLength() {
        RoomHeapEstimate withLedger = RoomHeapEstimate.largest(soak("10m"), SETTINGS, true).orElseThrow();
        long tenMinutes = RoomHeapEstimate.largest(soak("10m"), SETTINGS, false).orElseThrow().bytes();
        long twenty = RoomHeapEstimate.largest(soak("20m"), SETTINGS, false).orElseThrow().bytes();
        long thirty = RoomHeapEstimate.largest(soak("30m"), SETTINGS, false).orElseThrow().bytes();

        assertThat(withLedger.bytes()).isGreaterThan(tenMinutes);
        assertThat(twenty).isGreaterThan(tenMinutes);
        // its messages and its receipts both grow with the run: each ten minutes more costs the same
        assertThat((double) (thirty - twenty)).isCloseTo(twenty - tenMinutes, within(1_000.0));
    }

    @Test
    void theEstimateIsWithinAFifthOfARoomMeasuredByItsObjectsSizes() {
        // soak-1h cut to 3 minutes, its faults kept, in the simulator with reconcile: the room's objects at its peak
        // (JOL, the end of its members' replay) held 1,711 bytes a message of its 9,446 with the ledger and 1,428
        // without (room11; the sizes this estimate uses were fitted on rooms without faults)
        RoomHeapEstimate withLedger = RoomHeapEstimate.largest(soak("3m"), SETTINGS, true).orElseThrow();
        RoomHeapEstimate without = RoomHeapEstimate.largest(soak("3m"), SETTINGS, false).orElseThrow();

        assertThat((double) withLedger.bytes()).isCloseTo(1_711.0 * 9_446, within(0.2 * 1_711 * 9_446));
        assertThat((double) without.bytes()).isCloseTo(1_428.0 * 9_446, within(0.2 * 1_428 * 9_446));
    }

    @Test
    void aRunIsWarnedWhenTheRoomAndTheRestOfTheRunWouldPassTheGuardsShareOfTheHeap() {
        RoomHeapEstimate room = RoomHeapEstimate.largest(soak("1h"), SETTINGS, true).orElseThrow();
        assertThat(room.runBytes()).isEqualTo(Math.round(RoomHeapEstimate.RUN_PER_ROOM * room.bytes()
                + RoomHeapEstimate.RUN_BESIDE + 200.0 * RoomHeapEstimate.RUN_PER_USER)); // soak-1h's 200 users
        long enough = (long) Math.ceil(room.runBytes() / MemoryGuard.DEFAULT_SHARE);

        assertThat(room.warning("soak", enough)).isEmpty();
        assertThat(room.warning("soak", 4L << 30)).isEmpty(); // the launcher's heap in the simulator here
        assertThat(room.warning("soak", enough - 1_000)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("livetalk: warning: scenario soak: measuring room room01 (10 members, about 189,105"
                        + " messages and 1,300,320 receipts) will hold about 250 MB of heap and the run about 714 MB,"
                        + " past 90% of the maximum heap of ")
                .contains("LIVETALK_JAVA_OPTS=-Xmx", "README: Soak runs"));
    }

    @Test
    void aQuietRoomsMembersMarkNoMoreOftenThanItGetsMessages() {
        // 100 members at one message in 1,000 s each: the room gets 720 messages in 2 hours, and a marker goes out
        // only when it advances, so each member sends at most 720 of each kind, not one every 500 ms (14,400)
        Scenario quiet = parse("""
                name: quiet
                seed: 1
                duration: 2h
                warmup: 0s
                quiesce: 0s
                users: {count: 100, prefix: user}
                rooms:
                  - name: announcements
                    members: all
                load:
                  rate: 0.001
                """);
        RoomHeapEstimate room = RoomHeapEstimate.largest(quiet, SETTINGS, true).orElseThrow();

        assertThat(room.messages()).isEqualTo(720);
        assertThat(room.receipts()).isEqualTo(2L * 720 * 100 * 99);
        assertThat(room.warning("quiet", 4L << 30)).as("about 290 MB, not 5.7 GB of receipts").isEmpty();
        Scenario silent = new Scenario(quiet.name(), quiet.description(), quiet.seed(), quiet.network(),
                quiet.duration(), quiet.warmup(), quiet.quiesce(), quiet.users(), quiet.rooms(), quiet.clientShape(),
                null, quiet.strategies(), quiet.faults(), quiet.budgets(), quiet.server(), quiet.clients());
        assertThat(RoomHeapEstimate.largest(silent, SETTINGS, true).orElseThrow().receipts())
                .as("without a load nothing is marked").isZero();
    }

    @Test
    void aRoomTooLargeForAnyLongIsWarnedNotWrappedAround() {
        // 2,000 members at 50 messages a second each (the load's limit in all) for 17 years: past Long.MAX_VALUE
        // bytes, whose run, summed in long, once went round to a negative figure that no heap was warned of
        Scenario huge = parse("""
                name: huge
                seed: 1
                duration: 150000h
                warmup: 0s
                quiesce: 1000000h
                users: {count: 2000, prefix: user}
                rooms:
                  - name: everyone
                    members: all
                load:
                  rate: 50
                """);
        RoomHeapEstimate room = RoomHeapEstimate.largest(huge, SETTINGS, true).orElseThrow();

        assertThat(room.runBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(room.warning("huge", 4L << 30)).isPresent();
        // a run of more than 292 years has no long of nanoseconds: the estimate still tells it
        Scenario longer = parse("""
                name: longer
                seed: 1
                duration: 2000000h
                warmup: 0s
                quiesce: 1000000h
                users: [a, b]
                rooms:
                  - name: pair
                    members: all
                load:
                  rate: 1
                """);
        assertThat(RoomHeapEstimate.largest(longer, SETTINGS, true).orElseThrow().warning("longer", 4L << 30))
                .isPresent();
    }

    @Test
    void aScenarioWithoutRoomsHasNoEstimate() {
        Scenario s = soak("1m"); // validation refuses a file without rooms; a scenario made in code may have none
        Scenario empty = new Scenario(s.name(), s.description(), s.seed(), s.network(), s.duration(), s.warmup(),
                s.quiesce(), s.users(), java.util.List.of(), s.clientShape(), s.load(), s.strategies(), s.faults(),
                s.budgets(), s.server(), s.clients());
        assertThat(RoomHeapEstimate.largest(empty, SETTINGS, true)).isEmpty();
    }
}
