package dev.livetalk.bench.calibrate;

import dev.livetalk.metrics.results.HarnessLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order of a calibration's bursts: a warm-up round, then the measured rounds, each layer
 * once per round, the order rotating by one layer per round so that no layer is always first
 * after a pause or always last; machine noise thus falls on every layer alike.
 *
 * <p>Stateless.
 */
final class CalibrationPlan {
    private CalibrationPlan() {
    }

    /** Every burst of a calibration with {@code settings}, in the order they run. */
    static List<Burst> of(CalibrationSettings settings) {
        List<HarnessLayer> layers = Arrays.asList(HarnessLayer.values());
        List<Burst> bursts = new ArrayList<>();
        if (settings.warmup() > 0) {
            layers.forEach(layer -> bursts.add(new Burst(0, layer, 0, settings.warmup(), false)));
        }
        int from = settings.warmup();
        for (int round = 1; round <= settings.rounds(); round++) {
            int count = share(settings.samples(), settings.rounds(), round);
            for (int i = 0; i < layers.size(); i++) {
                HarnessLayer layer = layers.get((i + round - 1) % layers.size());
                bursts.add(new Burst(round, layer, from, count, true));
            }
            from += count;
        }
        return bursts;
    }

    /** The samples of round {@code round} (1-based): an equal share, the remainder to the first rounds. */
    static int share(int samples, int rounds, int round) {
        return samples / rounds + (round <= samples % rounds ? 1 : 0);
    }
}
