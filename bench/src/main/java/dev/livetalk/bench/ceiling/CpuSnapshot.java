package dev.livetalk.bench.ceiling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The CPU clocks at one moment: the machine's wall clock, this JVM's process CPU time (the
 * harness: load generator, client sessions and, for scenarios without server faults, the
 * reference server, which runs in this JVM), Toxiproxy's process CPU time (when the harness
 * started it as a child: its {@code /proc/PID/stat} utime + stime through
 * {@link ProcessHandle.Info#totalCpuDuration()}), and the whole machine's busy and total
 * ticks from the first line of {@code /proc/stat} (busy = every state but idle and iowait), so
 * that load from outside the harness shows. Two snapshots give the cores each used between them
 * ({@link #coresSince}).
 *
 * <p>Immutable; any thread.
 *
 * @param wallNanos      {@link System#nanoTime()}
 * @param harnessNanos   this JVM's process CPU time, ns
 * @param toxiproxyNanos Toxiproxy's process CPU time, ns; -1 when unknown (an external server or a container)
 * @param machineBusy    the machine's busy ticks since boot; -1 without {@code /proc/stat}
 * @param machineTotal   the machine's ticks since boot, every state; -1 without {@code /proc/stat}
 */
public record CpuSnapshot(long wallNanos, long harnessNanos, long toxiproxyNanos, long machineBusy, long machineTotal) {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Reads the clocks now; {@code toxiproxy} is Toxiproxy's process when known. */
    public static CpuSnapshot take(Optional<ProcessHandle> toxiproxy) {
        long[] machine = machineTicks();
        long toxi = toxiproxy.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
        return new CpuSnapshot(System.nanoTime(), harnessCpuNanos(), toxi, machine[0], machine[1]);
    }

    /** What each used from {@code earlier} to this snapshot, in cores (CPU seconds per wall second). */
    public CpuUse coresSince(CpuSnapshot earlier) {
        double wall = (wallNanos - earlier.wallNanos) / 1e9;
        if (wall <= 0) {
            throw new IllegalArgumentException("snapshots out of order: " + earlier.wallNanos + " then " + wallNanos);
        }
        double harness = (harnessNanos - earlier.harnessNanos) / 1e9 / wall;
        double toxiproxy = toxiproxyNanos < 0 || earlier.toxiproxyNanos < 0 ? Double.NaN
                : (toxiproxyNanos - earlier.toxiproxyNanos) / 1e9 / wall;
        long total = machineTotal - earlier.machineTotal;
        double share = machineTotal < 0 || earlier.machineTotal < 0 || total <= 0 ? Double.NaN
                : (machineBusy - earlier.machineBusy) / (double) total;
        return new CpuUse(wall, harness, toxiproxy, share * Runtime.getRuntime().availableProcessors(), share);
    }

    private static long harnessCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpu = os.getProcessCpuTime();
            if (cpu >= 0) {
                return cpu;
            }
        }
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** {busy, total} ticks of the machine since boot, or {-1, -1} without {@code /proc/stat}. */
    static long[] machineTicks() {
        try {
            String first = Files.readAllLines(PROC_STAT).getFirst();
            return ticks(first);
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** {busy, total} of {@code /proc/stat}'s {@code cpu} line: user nice system idle iowait irq softirq steal (guest is in user). */
    static long[] ticks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 5) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        long idle = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            long value = Long.parseLong(fields[i]);
            total += value;
            if (i == 4 || i == 5) { // idle, iowait
                idle += value;
            }
        }
        return new long[] {total - idle, total};
    }

    /**
     * CPU used over a stretch of wall time, in cores; {@code NaN} where unknown.
     *
     * @param wallSeconds   the stretch
     * @param harness       this JVM (harness and in-process server)
     * @param toxiproxy     the Toxiproxy process
     * @param machine       the whole machine's busy cores (every process, the kernel's work included)
     * @param machineShare  the machine's busy share, 0..1
     */
    public record CpuUse(double wallSeconds, double harness, double toxiproxy, double machine, double machineShare) {
        /** The machine's busy cores not accounted for by the harness nor Toxiproxy (other processes, the kernel's own work); NaN when unknown. */
        public double others() {
            return machine - harness - (Double.isNaN(toxiproxy) ? 0 : toxiproxy);
        }
    }
}
