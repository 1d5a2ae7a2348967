package dev.livetalk.bench.ci;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM options ({@code .mvn/jvm-options.sh}, sourced by {@code ./livetalk} and the
 * container image): the simulator's heap is bounded whatever the machine's memory, Toxiproxy's
 * runs keep ZGC with its soft maximum, and {@code LIVETALK_JAVA_OPTS} replaces the collector's.
 * Each case sources the script in {@code sh} with the memory function replaced by a fixed size.
 */
class JvmOptionsTest {
    private static final long GB_KB = 1024L * 1024;

    /** The options for {@code ARGS} on a machine (or container) of {@code memoryKb}. */
    private static String options(long memoryKb, String javaOpts, String... args) {
        String script = ". '" + CiTools.projectRoot().resolve(".mvn/jvm-options.sh") + "'; "
                + "livetalk_memory_kb() { echo " + memoryKb + "; }; "
                + "livetalk_jvm_options \"$@\"; printf '%s' \"$LIVETALK_JVM_OPTS\"";
        List<String> command = new java.util.ArrayList<>(List.of("env"));
        command.add(javaOpts == null ? "-u" : "LIVETALK_JAVA_OPTS=" + javaOpts);
        if (javaOpts == null) {
            command.add("LIVETALK_JAVA_OPTS");
        }
        command.addAll(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        CiTools.Result result = CiTools.run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().trim();
    }

    @Test
    void shouldBoundTheSimulatorsHeapAt4GbOrASixthOfTheMemoryAndAtMostHalf() {
        assertThat(options(24 * GB_KB, null, "run", "x.yaml", "--network", "sim"))
                .contains("-XX:+UseParallelGC", "-Xms3932m", "-Xmx4096m").doesNotContain("MaxRAMPercentage");
        assertThat(options(4 * GB_KB, null, "bench", "soak", "x.yaml")).contains("-Xms655m", "-Xmx2048m");
        assertThat(options(64 * GB_KB, null, "bench", "sim")).contains("-Xms4096m", "-Xmx10485m");
    }

    @Test
    void shouldKeepZgcWithItsSoftMaximumForToxiproxy() {
        assertThat(options(24 * GB_KB, null, "run", "x.yaml")).contains("-XX:+UseZGC", "-XX:SoftMaxHeapSize=1024m",
                "-XX:MaxRAMPercentage=50").doesNotContain("-Xmx");
    }

    @Test
    void shouldLetLivetalkJavaOptsReplaceTheCollectorsOptions() {
        assertThat(options(24 * GB_KB, "-Xmx1g", "run", "x.yaml", "--network", "sim")).isEqualTo("-Xmx1g");
        assertThat(options(24 * GB_KB, null, "server")).contains("-XX:+ExitOnOutOfMemoryError");
    }
}
