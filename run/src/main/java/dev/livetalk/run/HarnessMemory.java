package dev.livetalk.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The harness's own memory, for the interim figures: the heap in use and the resident set
 * size ({@code VmRSS} of {@code /proc/self/status}, where there is one).
 *
 * <p>Stateless; any thread.
 */
public final class HarnessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private HarnessMemory() {
    }

    /** Heap bytes in use now. */
    public static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident bytes now, or -1 where {@code /proc/self/status} has no {@code VmRSS} (not Linux). */
    public static long rss() {
        try {
            return rss(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:   123456 kB} line of {@code status} in bytes, or -1 without one. */
    static long rss(List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                String[] words = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    long kB = Long.parseLong(words[0]);
                    return words.length > 1 && words[1].equalsIgnoreCase("kB") ? kB * 1024 : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
