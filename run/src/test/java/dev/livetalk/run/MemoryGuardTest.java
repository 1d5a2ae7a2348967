package dev.livetalk.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryGuardTest {
    private static final long GB = 1L << 30;

    /** A heap source the test trips by hand, as the JVM's notification would. */
    private static final class HandSource implements MemoryGuard.HeapSource {
        final AtomicReference<Consumer<MemoryGuard.HeapUse>> exceeded = new AtomicReference<>();
        double share;
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public AutoCloseable watch(double share, Consumer<MemoryGuard.HeapUse> exceeded) {
            this.share = share;
            this.exceeded.set(exceeded);
            return () -> closed.set(true);
        }

        void collect(long used, long max) {
            exceeded.get().accept(new MemoryGuard.HeapUse(used, max));
        }
    }

    @Test
    void tripsOnceOnTheFirstCollectionAboveTheShareAndTellsItsListeners() {
        HandSource source = new HandSource();
        List<MemoryGuard.HeapUse> told = new ArrayList<>();
        try (MemoryGuard guard = new MemoryGuard(source, 0.9)) {
            guard.onTrip(told::add);
            assertThat(source.share).isEqualTo(0.9);
            assertThat(guard.tripped()).isEmpty();

            source.collect(11 * GB, 12 * GB);
            source.collect(12 * GB, 12 * GB);

            assertThat(told).containsExactly(new MemoryGuard.HeapUse(11 * GB, 12 * GB));
            assertThat(guard.tripped()).contains(new MemoryGuard.HeapUse(11 * GB, 12 * GB));
            assertThat(guard.tripped().orElseThrow().sentence()).isEqualTo("heap used 92% of max 12.0 GB");
            List<MemoryGuard.HeapUse> late = new ArrayList<>();
            guard.onTrip(late::add);
            assertThat(late).as("a listener after the trip is told at once").hasSize(1);
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void aListenerThatStoppedListeningIsNotTold() {
        HandSource source = new HandSource();
        List<MemoryGuard.HeapUse> told = new ArrayList<>();
        MemoryGuard guard = new MemoryGuard(source, 0.5);
        guard.onTrip(told::add).run();
        source.collect(6, 10);
        assertThat(told).isEmpty();
        assertThat(guard.tripped()).isPresent();
    }

    @Test
    void theShareMustBeAFraction() {
        assertThatThrownBy(() -> new MemoryGuard(new HandSource(), 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1: 1.5");
    }

    @Test
    void theJvmGuardWatchesAHeapPoolWithoutTrippingOnAnOrdinaryHeap() {
        try (MemoryGuard guard = MemoryGuard.ofJvm(MemoryGuard.DEFAULT_SHARE)) {
            System.gc();
            assertThat(guard.tripped()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC"})
    void theJvmGuardTripsBeforeATinyHeapRunsOut(String collector) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx48m", collector, "-cp",
                System.getProperty("java.class.path"), HeapFiller.class.getName())
                .redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the filler ended within 60 s: " + output).isTrue();
        assertThat(output).contains("tripped: heap used ");
        assertThat(process.exitValue()).as(output).isZero();
        // what a run's estimate is told against (RoomHeapEstimate) is the maximum the guard trips against: with the
        // Parallel and Serial collectors the old generation's, less than the JVM's maximum heap
        Matcher max = Pattern.compile("max (\\d+), watched max (\\d+)").matcher(output);
        assertThat(max.find()).as(output).isTrue();
        assertThat(max.group(2)).as(output).isEqualTo(max.group(1));
    }

    @Test
    void onlyThePoolsOfLongLivedObjectsAreWatched() {
        assertThat(List.of("G1 Old Gen", "PS Old Gen", "Tenured Gen", "ZGC Old Generation", "G1 Eden Space",
                "PS Survivor Space", "ZGC Young Generation")).filteredOn(MemoryGuard::isOld)
                .containsExactly("G1 Old Gen", "PS Old Gen", "Tenured Gen", "ZGC Old Generation");
    }

    @Test
    void residentMemoryIsReadFromProcStatusOrIsNotKnown() {
        assertThat(HarnessMemory.rss(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 4")))
                .isEqualTo(123456L * 1024);
        assertThat(HarnessMemory.rss(List.of("Name:\tjava"))).isEqualTo(-1);
        assertThat(HarnessMemory.rss(List.of("VmRSS: lots"))).isEqualTo(-1);
        assertThat(MemoryGuard.bytes(-1)).isEqualTo("n/a");
        assertThat(MemoryGuard.bytes(812L << 20)).isEqualTo("812 MB");
    }
}
