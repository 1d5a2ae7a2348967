package dev.livetalk.bench.ceiling;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CpuSnapshotTest {
    @Test
    void shouldCountEveryStateButIdleAndIowaitAsBusy() {
        // user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
        assertThat(CpuSnapshot.ticks("cpu  100 5 50 800 40 3 2 0 7 0")).containsExactly(160, 1000);
        assertThatThrownBy(() -> CpuSnapshot.ticks("cpu0 1 2 3 4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveCoresAsCpuSecondsPerWallSecond() {
        CpuSnapshot a = new CpuSnapshot(0, 0, 1_000_000_000L, 100, 1000);
        CpuSnapshot b = new CpuSnapshot(2_000_000_000L, 1_000_000_000L, 1_500_000_000L, 600, 2000);
        CpuSnapshot.CpuUse use = b.coresSince(a);
        assertThat(use.wallSeconds()).isEqualTo(2.0);
        assertThat(use.harness()).isEqualTo(0.5);
        assertThat(use.toxiproxy()).isEqualTo(0.25);
        assertThat(use.machineShare()).isEqualTo(0.5);
        assertThat(use.machine()).isEqualTo(0.5 * Runtime.getRuntime().availableProcessors());
        assertThat(use.others()).isCloseTo(use.machine() - 0.75, within(1e-9));
        assertThat(b.coresSince(new CpuSnapshot(0, 0, -1, -1, -1)).toxiproxy()).isNaN();
    }

    @Test
    void shouldReadThisJvmsCpuTimeAndItGrows() {
        CpuSnapshot first = CpuSnapshot.take(Optional.of(ProcessHandle.current()));
        long spin = 0;
        for (long deadline = System.nanoTime() + 50_000_000L; System.nanoTime() < deadline; ) {
            spin++;
        }
        CpuSnapshot later = CpuSnapshot.take(Optional.of(ProcessHandle.current()));
        assertThat(spin).isPositive();
        assertThat(later.harnessNanos()).isGreaterThan(first.harnessNanos());
        assertThat(later.toxiproxyNanos()).isGreaterThanOrEqualTo(first.toxiproxyNanos()).isPositive();
    }
}
