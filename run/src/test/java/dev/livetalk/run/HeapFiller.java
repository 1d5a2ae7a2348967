package dev.livetalk.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
            CountDownLatch tripped = new CountDownLatch(1);
            guard.onTrip(use -> tripped.countDown());
            for (int i = 0; i < 1_000 && guard.tripped().isEmpty(); i++) {
                for (int k = 0; k < 4; k++) {
                    kept.add(new byte[256 * 1024]);
                }
                System.gc(); // a collection, so that the collection-usage threshold is looked at
                // the notification comes on the JVM's own thread: wait for it before filling on
                tripped.await(100, TimeUnit.MILLISECONDS);
            }
            if (guard.tripped().isEmpty()) {
                System.out.println("never tripped with " + kept.size() + " chunks");
                System.exit(4);
            }
            System.out.println("tripped: " + guard.tripped().orElseThrow().sentence());
            System.out.println("max " + guard.tripped().orElseThrow().max() + ", watched max " + MemoryGuard.watchedMax());
        } catch (OutOfMemoryError e) {
            kept.clear();
            System.out.println("out of memory before the guard tripped");
            System.exit(3);
        }
    }
}
