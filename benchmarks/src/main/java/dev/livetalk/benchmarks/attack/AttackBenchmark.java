package dev.livetalk.benchmarks.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The attack benchmark: per {@link Attack}, a fresh server in its own JVM
 * ({@link ServerUnderAttack}: 1 GiB heap, exits on OutOfMemoryError), the attack's seed, a
 * {@link Bystander} chatting ({@link #WARM_UP} unmeasured), the attack's load, {@link #HOLD} more of chatting while the
 * attack's connections stay open; then the bystander's round-trip p99 and the server's live
 * heap (in use after a full collection, measured in the server's JVM through its
 * MemoryMXBean, with the attack's connections still open). Targets: heap under 256 MB,
 * p99 under 50 ms.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.livetalk.benchmarks.attack.AttackBenchmark [ATTACK...]}
 * (names as in {@link Attack}, lower case with dashes; none: all). Exits 1 when a target
 * is missed or the bystander lost something, 2 on an unknown attack name. Runs on the main
 * thread.
 */
public final class AttackBenchmark {
    static final String SECRET = "attack-bench";
    static final long HEAP_TARGET_BYTES = 256L * 1024 * 1024;
    static final double P99_TARGET_MILLIS = 50;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration HOLD = Duration.ofSeconds(5);

    private AttackBenchmark() {
    }

    /** One attack's figures. */
    record Result(Attack attack, long heapBytes, Bystander.Outcome bystander) {
        boolean onTarget() {
            return heapBytes < HEAP_TARGET_BYTES && bystander.p99Millis() < P99_TARGET_MILLIS && bystander.connected()
                    && bystander.ackedNotSeen() == 0 && bystander.failure().isEmpty();
        }

        String line() {
            return String.format(Locale.ROOT, "%-16s %9.1f %8.1f %8.1f %6d %-9s %5d %s %s", name(attack),
                    heapBytes / 1048576.0, bystander.p99Millis(), bystander.maxMillis(), bystander.roundTrips(),
                    bystander.connected(), bystander.ackedNotSeen(), onTarget() ? "ok" : "MISSED", bystander.failure());
        }
    }

    public static void main(String[] args) throws Exception {
        List<Attack> attacks = new ArrayList<>();
        for (String arg : args) {
            try {
                attacks.add(Attack.valueOf(arg.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                System.err.println("attack must be one of " + Arrays.stream(Attack.values()).map(AttackBenchmark::name)
                        .toList() + ": " + arg);
                System.exit(2);
            }
        }
        if (attacks.isEmpty()) {
            attacks.addAll(List.of(Attack.values()));
        }
        System.out.println("attack           heap (MB) p99 (ms) max (ms)  trips connected  lost verdict");
        boolean allOnTarget = true;
        for (Attack attack : attacks) {
            Result result = run(attack);
            System.out.println(result.line());
            allOnTarget &= result.onTarget();
        }
        System.exit(allOnTarget ? 0 : 1);
    }

    static Result run(Attack attack) throws Exception {
        try (ServerUnderAttack server = ServerUnderAttack.start(attack.rate(), attack.burst())) {
            attack.seed(server);
            List<AutoCloseable> held = new ArrayList<>();
            try (Bystander bystander = Bystander.start(server.uri())) {
                LockSupport.parkNanos(WARM_UP.toNanos()); // the bystander warms both JVMs up
                bystander.startMeasuring();
                held.addAll(attack.launch(server));
                LockSupport.parkNanos(HOLD.toNanos()); // the attack holds while the bystander chats
                Bystander.Outcome outcome = bystander.stop();
                long heap = server.liveHeapBytes();
                return new Result(attack, heap, outcome);
            } finally {
                for (AutoCloseable resource : held.reversed()) {
                    resource.close();
                }
            }
        }
    }

    private static String name(Attack attack) {
        return attack.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
