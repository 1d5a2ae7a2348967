package dev.livetalk.run;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Stops a run before the harness runs out of heap: when the heap in use after a garbage
 * collection passes a share of its maximum ({@link #DEFAULT_SHARE}), the guard trips once and
 * tells its listeners; the run in progress then ends early, is measured as far as it went, and
 * the run stops with its report ({@code "heap used 92% of max 12 GB ..."}) rather
 * than dying of an {@link OutOfMemoryError} with nothing written.
 *
 * <p>The JVM's own facility watches ({@link #ofJvm}): the collection-usage threshold of each
 * heap pool of long-lived objects that has one (the old generation: G1, Parallel, Serial and
 * ZGC have one; {@code max} is then that pool's, which for the Parallel collector is part of
 * the heap) ({@link MemoryPoolMXBean#setCollectionUsageThreshold}) and the
 * {@link MemoryNotificationInfo#MEMORY_COLLECTION_THRESHOLD_EXCEEDED} notification of the
 * memory bean; nothing polls. Sans-IO: the source is a {@link HeapSource}, so a test trips
 * the guard without allocating.
 *
 * <p>Thread-safe: the source calls in on the JVM's notification thread; listeners are called
 * there, once.
 */
public final class MemoryGuard implements AutoCloseable {
    /** The heap share after a collection at which a run stops: 90% of the maximum. */
    public static final double DEFAULT_SHARE = 0.9;
    /** A guard that never trips. */
    public static final MemoryGuard NONE = new MemoryGuard((share, exceeded) -> () -> { }, DEFAULT_SHARE);

    private final AutoCloseable watch;
    private final AtomicReference<HeapUse> tripped = new AtomicReference<>();
    private final List<Consumer<HeapUse>> listeners = new CopyOnWriteArrayList<>();

    /**
     * The heap after a collection: {@code used} of {@code max} bytes (of the pool that passed
     * its threshold).
     */
    public record HeapUse(long used, long max) {
        /** The share of the maximum in use. */
        public double share() {
            return max <= 0 ? 0 : used / (double) max;
        }

        /** {@code heap used 92% of max 12 GB}. */
        public String sentence() {
            return String.format(Locale.ROOT, "heap used %.0f%% of max %s", share() * 100, bytes(max));
        }
    }

    /** Where heap use after collections comes from. */
    @FunctionalInterface
    public interface HeapSource {
        /**
         * Calls {@code exceeded} when the heap after a collection passes {@code share} of its
         * maximum (at least once; the guard keeps the first); the result stops watching.
         */
        AutoCloseable watch(double share, Consumer<HeapUse> exceeded);
    }

    /** A guard on {@code source} at {@code share} of the maximum. */
    public MemoryGuard(HeapSource source, double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("the heap share must be between 0 and 1: " + share);
        }
        this.watch = source.watch(share, this::trip);
    }

    /** A guard on this JVM's heap pools at {@code share} of their maximum. */
    public static MemoryGuard ofJvm(double share) {
        return new MemoryGuard(MemoryGuard::watchJvm, share);
    }

    /** The heap use that tripped the guard, if it did. */
    public Optional<HeapUse> tripped() {
        return Optional.ofNullable(tripped.get());
    }

    /**
     * Calls {@code listener} when the guard trips (at once if it has); the result stops
     * listening.
     */
    public Runnable onTrip(Consumer<HeapUse> listener) {
        listeners.add(listener);
        HeapUse already = tripped.get();
        if (already != null && listeners.remove(listener)) {
            listener.accept(already);
        }
        return () -> listeners.remove(listener);
    }

    private void trip(HeapUse use) {
        if (tripped.compareAndSet(null, use)) {
            for (Consumer<HeapUse> listener : listeners) {
                if (listeners.remove(listener)) {
                    listener.accept(use);
                }
            }
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        try {
            watch.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop watching the heap: " + e, e);
        }
    }

    /**
     * The maximum that {@link #ofJvm} trips against: the smallest of the watched pools' (the old
     * generation's; with the Parallel collector a part of the heap, {@code -Xmx} less the young
     * generation), or the JVM's maximum heap when no pool is watched.
     */
    public static long watchedMax() {
        long smallest = Long.MAX_VALUE;
        for (MemoryPoolMXBean pool : watchedPools()) {
            smallest = Math.min(smallest, pool.getUsage().getMax());
        }
        return smallest == Long.MAX_VALUE ? Runtime.getRuntime().maxMemory() : smallest;
    }

    /** The heap pools of long-lived objects with a collection-usage threshold and a maximum. */
    private static List<MemoryPoolMXBean> watchedPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && isOld(pool.getName())) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** The JVM's heap pools with a collection-usage threshold, and the memory bean's notification. */
    private static AutoCloseable watchJvm(double share, Consumer<HeapUse> exceeded) {
        List<MemoryPoolMXBean> pools = watchedPools();
        for (MemoryPoolMXBean pool : pools) {
            pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * share));
        }
        NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        NotificationListener listener = (Notification notification, Object handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                MemoryNotificationInfo info = MemoryNotificationInfo.from((CompositeData) notification.getUserData());
                exceeded.accept(new HeapUse(info.getUsage().getUsed(), info.getUsage().getMax()));
            }
        };
        emitter.addNotificationListener(listener, null, null);
        return () -> {
            pools.forEach(pool -> pool.setCollectionUsageThreshold(0)); // 0: not watched
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // removed already
            }
        };
    }

    /**
     * Whether a heap pool holds the long-lived objects (G1 Old Gen, PS Old Gen, Tenured Gen, ZGC
     * Old Generation): a young pool (eden, survivor) is nearly empty or nearly full after its
     * collections as a matter of course, and says nothing about running out.
     */
    static boolean isOld(String pool) {
        String name = pool.toLowerCase(Locale.ROOT);
        return !(name.contains("eden") || name.contains("survivor") || name.contains("young")
                || name.contains("nursery"));
    }

    /** {@code 812 MB}, {@code 1.1 GB}. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) (1L << 20)));
    }
}
