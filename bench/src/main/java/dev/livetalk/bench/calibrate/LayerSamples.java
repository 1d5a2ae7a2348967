package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.HarnessLayer;
import dev.livetalk.metrics.results.LayerLatency;
import dev.livetalk.metrics.results.Percentiles;
import org.HdrHistogram.Recorder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sends of one layer and their arrivals: each send's intended and actual time, the first
 * arrival of each (a later one is ignored), and the latency of the measured ones from the
 * intended time (corrected) and from the actual time (raw). Times are passed in, never read.
 *
 * <p>Threads: {@link #onSent} on the sending thread, {@link #onArrived} on any receiving thread,
 * the rest on the calibrating thread. Per send, an atomic state decides once between arrived
 * and lost; histograms are multi-writer {@link Recorder}s.
 */
final class LayerSamples {
    private static final int WAITING = 0;
    private static final int ARRIVED = 1;
    private static final int LOST = 2;

    private final HarnessLayer layer;
    private final AtomicLongArray intended;
    private final AtomicLongArray actual;
    private final AtomicIntegerArray state;
    private final AtomicIntegerArray measured;
    private final Recorder corrected = new Recorder(3);
    private final Recorder raw = new Recorder(3);
    private final AtomicLong lost = new AtomicLong();
    private volatile CountDownLatch outstanding = new CountDownLatch(0);

    /** @param capacity sends the layer makes in all, warm-up included */
    LayerSamples(HarnessLayer layer, int capacity) {
        this.layer = layer;
        this.intended = new AtomicLongArray(capacity);
        this.actual = new AtomicLongArray(capacity);
        this.state = new AtomicIntegerArray(capacity);
        this.measured = new AtomicIntegerArray(capacity);
    }

    HarnessLayer layer() {
        return layer;
    }

    /** Opens {@code burst}: its arrivals count down what {@link #awaitBurst} waits for. Calibrating thread. */
    void begin(Burst burst) {
        for (int i = burst.from(); i < burst.from() + burst.count(); i++) {
            measured.set(i, burst.measured() ? 1 : 0);
        }
        outstanding = new CountDownLatch(burst.count());
    }

    /** Send {@code index}, due at {@code intendedNanos}, went out at {@code actualNanos}. Before it can arrive. */
    void onSent(int index, long intendedNanos, long actualNanos) {
        intended.set(index, intendedNanos);
        actual.set(index, actualNanos);
    }

    /**
     * Send {@code index} arrived at {@code arrivedNanos}. Only its first arrival counts, and none
     * after it was given up as lost; unknown indexes (another run's frames) are ignored.
     *
     * @return whether this arrival was counted
     */
    boolean onArrived(int index, long arrivedNanos) {
        if (index < 0 || index >= state.length() || !state.compareAndSet(index, WAITING, ARRIVED)) {
            return false;
        }
        if (measured.get(index) == 1) {
            corrected.recordValue(Math.max(0, arrivedNanos - intended.get(index)));
            raw.recordValue(Math.max(0, arrivedNanos - actual.get(index)));
        }
        outstanding.countDown();
        return true;
    }

    /**
     * Waits until every send of {@code burst} arrived or {@code deadlineNanos} passed (read from
     * {@code clock}); those still missing then are lost, counted if measured.
     *
     * @return the sends of the burst given up as lost
     */
    int awaitBurst(Burst burst, long deadlineNanos, java.util.function.LongSupplier clock) throws InterruptedException {
        CountDownLatch latch = outstanding;
        long left = deadlineNanos - clock.getAsLong();
        if (left > 0) {
            latch.await(left, TimeUnit.NANOSECONDS);
        }
        int given = 0;
        for (int i = burst.from(); i < burst.from() + burst.count(); i++) {
            if (state.compareAndSet(i, WAITING, LOST)) {
                given++;
                if (burst.measured()) {
                    lost.incrementAndGet();
                }
            }
        }
        return given;
    }

    /** The figures so far. Calibrating thread, once the bursts are over. */
    LayerLatency figures() {
        return new LayerLatency(layer, Percentiles.of(corrected.getIntervalHistogram()),
                Percentiles.of(raw.getIntervalHistogram()), lost.get());
    }
}
