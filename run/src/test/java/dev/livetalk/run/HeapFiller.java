package dev.livetalk.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills a small heap until the JVM's heap guard trips (for {@link MemoryGuardTest}, in a JVM of
 * its own started with a tiny {@code -Xmx}): prints {@code tripped: SENTENCE} and exits 0, or
 * exits 3 when the heap ran out first, 4 when the guard never tripped.
 */
public final class HeapFiller {
    private HeapFiller() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<byte[]> kept = new ArrayList<>();
        try (MemoryGuard guard = MemoryGuard.ofJvm(0.6)) {
            for (int i = 0; i < 10_000 && guard.tripped().isEmpty(); i++) {
                kept.add(new byte[256 * 1024]);
                if (i % 8 == 0) {
                    System.gc(); // a collection, so that the collection-usage threshold is looked at
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (guard.tripped().isEmpty() && System.nanoTime() < deadline) {
                System.gc(); // the notification comes on the JVM's own thread, soon after
                Thread.onSpinWait();
            }
            if (guard.tripped().isEmpty()) {
                System.out.println("never tripped with " + kept.size() + " chunks");
                System.exit(4);
            }
            System.out.println("tripped: " + guard.tripped().orElseThrow().sentence());
        } catch (OutOfMemoryError e) {
            kept.clear();
            System.out.println("out of memory before the guard tripped");
            System.exit(3);
        }
    }
}
