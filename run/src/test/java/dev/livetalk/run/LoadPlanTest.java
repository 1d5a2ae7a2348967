package dev.livetalk.run;

import dev.livetalk.scenarios.LoaderOptions;
import dev.livetalk.scenarios.Scenario;
import dev.livetalk.scenarios.ScenarioException;
import dev.livetalk.scenarios.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadPlanTest {
    private static Scenario scenario(String arrival, double rate, double replyShare) {
        try {
            return parse(arrival, rate, replyShare);
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Scenario parse(String arrival, double rate, double replyShare) throws ScenarioException {
        return ScenarioLoader.parse("load.yaml", """
                name: load
                seed: 7
                duration: 10s
                warmup: 0s
                users: [alice, bob, carol]
                rooms:
                  - name: one
                    members: all
                  - name: two
                    members: [alice]
                load:
                  rate: %s
                  arrival: %s
                  reply-share: %s
                """.formatted(rate, arrival, replyShare), LoaderOptions.DEFAULTS);
    }

    @Test
    void shouldResolveTheSamePlanFromTheSameSeed() {
        Scenario scenario = scenario("poisson", 5, 0.2);
        assertThat(LoadPlan.resolve(scenario, 42)).isEqualTo(LoadPlan.resolve(scenario, 42));
        assertThat(LoadPlan.resolve(scenario, 42).sends()).isNotEqualTo(LoadPlan.resolve(scenario, 43).sends());
    }

    @Test
    void shouldSendAtTheConstantRateOfEverySender() {
        LoadPlan plan = LoadPlan.resolve(scenario("constant", 4, 0), 1);
        Map<String, List<PlannedSend>> byUser = plan.sends().stream()
                .collect(Collectors.groupingBy(PlannedSend::user));
        assertThat(byUser.keySet()).containsExactlyInAnyOrder("alice", "bob", "carol");
        byUser.values().forEach(sends -> {
            assertThat(sends).hasSize(40);
            for (int i = 1; i < sends.size(); i++) {
                assertThat(sends.get(i).at() - sends.get(i - 1).at()).isBetween(249_999_999L, 250_000_001L);
            }
        });
    }

    @Test
    void shouldKeepThePoissonMeanRateWithinStatisticalBounds() {
        LoadPlan plan = LoadPlan.resolve(scenario("poisson", 100, 0), 3);
        // 3 senders x 100/s x 10 s = 3000 expected; a Poisson count's sd is sqrt(3000) ~ 55.
        assertThat(plan.sends().size()).isBetween(3000 - 4 * 55, 3000 + 4 * 55);
    }

    @Test
    void shouldOrderByIntendedTimeAndNumberInThatOrder() {
        List<PlannedSend> sends = LoadPlan.resolve(scenario("poisson", 20, 0), 9).sends();
        for (int i = 0; i < sends.size(); i++) {
            assertThat(sends.get(i).index()).isEqualTo(i);
            if (i > 0) {
                assertThat(sends.get(i).at()).isGreaterThanOrEqualTo(sends.get(i - 1).at());
            }
            assertThat(sends.get(i).at()).isLessThan(10_000_000_000L);
        }
    }

    @Test
    void shouldTakeASendersRoomsInTurn() {
        List<PlannedSend> alice = LoadPlan.resolve(scenario("constant", 2, 0), 1).sends().stream()
                .filter(send -> send.user().equals("alice")).toList();
        for (int i = 0; i < alice.size(); i++) {
            assertThat(alice.get(i).room()).isEqualTo(i % 2 == 0 ? "one" : "two");
        }
        assertThat(LoadPlan.resolve(scenario("constant", 2, 0), 1).sends().stream()
                .filter(send -> send.user().equals("bob")).map(PlannedSend::room).distinct().toList())
                .containsExactly("one");
    }

    @Test
    void shouldMarkTheReplyShareOfSends() {
        List<PlannedSend> sends = LoadPlan.resolve(scenario("constant", 100, 0.25), 5).sends();
        double share = sends.stream().filter(PlannedSend::reply).count() / (double) sends.size();
        assertThat(share).isCloseTo(0.25, within(0.03));
    }

    /**
     * The plan is made as it is read; it must be, send for send, the plan as it was made at once
     * before (every user's sends drawn from its split of the seed, then sorted stably by time and
     * numbered): sweeps' seeds and replay lines rely on it.
     */
    @Test
    void shouldMakeAsItIsReadThePlanThatWasMadeAtOnce() throws ScenarioException {
        Scenario withoutRooms = ScenarioLoader.parse("load.yaml", """
                name: load
                seed: 7
                duration: 20s
                warmup: 2s
                users: [alice, bob, carol, dave]
                rooms:
                  - name: one
                    members: [alice, carol]
                  - name: two
                    members: [alice, dave]
                load: {rate: 7, arrival: poisson, reply-share: 0.3}
                """, LoaderOptions.DEFAULTS); // bob has no room: he sends nothing, and still takes his split
        for (Scenario scenario : List.of(scenario("poisson", 5, 0.2), scenario("constant", 9, 0), withoutRooms,
                scenario("constant", 3, 0.5))) {
            for (long seed : new long[] {1, 42, -9}) {
                assertThat(LoadPlan.resolve(scenario, seed).sends()).as(scenario.name() + " seed " + seed)
                        .isNotEmpty().isEqualTo(madeAtOnce(scenario, seed));
            }
        }
    }

    /** The plan as {@code LoadPlan.resolve} made it before it was made as read. */
    private static List<PlannedSend> madeAtOnce(Scenario scenario, long seed) {
        dev.livetalk.scenarios.Load load = scenario.load();
        long end = scenario.warmup().plus(scenario.duration()).toNanos();
        double interval = 1e9 / load.ratePerSender();
        java.util.SplittableRandom master = new java.util.SplittableRandom(seed ^ 0x4c4f_4144_5354_524dL);
        java.util.List<PlannedSend> sends = new java.util.ArrayList<>();
        boolean poisson = load.arrival() == dev.livetalk.scenarios.Arrival.POISSON;
        for (String user : scenario.users()) {
            java.util.SplittableRandom random = master.split();
            List<String> rooms = RunSetup.roomsOf(scenario, user);
            if (rooms.isEmpty()) {
                continue;
            }
            double at = poisson ? -Math.log(1.0 - random.nextDouble()) * interval : random.nextDouble() * interval;
            for (int n = 0; at < end; n++) {
                boolean reply = load.replyShare() > 0 && random.nextDouble() < load.replyShare();
                sends.add(new PlannedSend(0, (long) at, user, rooms.get(n % rooms.size()), reply));
                at += poisson ? -Math.log(1.0 - random.nextDouble()) * interval : interval;
            }
        }
        sends.sort(java.util.Comparator.comparingLong(PlannedSend::at));
        java.util.List<PlannedSend> indexed = new java.util.ArrayList<>();
        for (PlannedSend send : sends) {
            indexed.add(new PlannedSend(indexed.size(), send.at(), send.user(), send.room(), send.reply()));
        }
        return indexed;
    }
}
