package dev.livetalk.bench.soak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The plays of {@code livetalk bench soak}: a table of every play (heap after a full collection
 * per simulated minute, the slope from minute 1 on, the peaks, the time per minute and of each
 * phase) with the spread over the plays, and the same as JSON. Sizes in MB (2^20 bytes), times
 * in seconds.
 */
public record SoakResult(SoakSettings settings, List<SoakPlay> plays) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double MB = 1 << 20;

    public SoakResult {
        plays = List.copyOf(plays);
    }

    static void printSample(PrintWriter out, SoakSample sample) {
        out.printf("  minute %3d: heap after full GC %,8.1f MB   play wall %6.2f s  cpu %6.2f s   (forced GC %.2f s;"
                        + " self-check play %s)%n", sample.minute(), sample.heapAfterGc() / MB,
                sample.wallNanos() / 1e9, sample.cpuNanos() / 1e9, sample.gcNanos() / 1e9,
                sample.replayMinute() == SoakSample.REPLAY_NOT_STARTED ? "not started"
                        : "at minute " + sample.replayText());
    }

    static void printPlay(PrintWriter out, SoakPlay play) {
        SoakPlay.Slope slope = play.slope();
        out.printf("  end of play: heap after full GC %,.1f MB; slope %s MB/min; play: wall %.2f s, cpu %.2f s, peak %,.0f MB"
                        + " (old gen %s); after the play: wall %.2f s, cpu %.2f s, peak %,.0f MB (old gen %s); process cpu %.2f s;"
                        + " budgets met %d/%d%n",
                play.endHeapAfterGc() / MB, slope == null ? "-" : slopeText(slope), play.playWallNanos() / 1e9,
                play.playCpuNanos() / 1e9, play.playPeak() / MB, mb(play.playOldPeak()), play.afterWallNanos() / 1e9,
                play.afterCpuNanos() / 1e9, play.afterPeak() / MB, mb(play.afterOldPeak()), play.processCpuNanos() / 1e9,
                play.budgetsMet(), play.budgets());
    }

    private static String slopeText(SoakPlay.Slope slope) {
        return Double.isNaN(slope.standardError())
                ? String.format(java.util.Locale.ROOT, "%.1f", slope.perMinute() / MB)
                : String.format(java.util.Locale.ROOT, "%.1f ± %.1f", slope.perMinute() / MB, slope.standardError() / MB);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(java.util.Locale.ROOT, "%,.0f MB", bytes / MB);
    }

    /** The table: per simulated minute and per play the heap after a full collection, then each figure's spread. */
    public void print(PrintWriter out) {
        int minutes = plays.stream().mapToInt(p -> p.samples().size()).max().orElse(0);
        out.println();
        out.printf("heap after full GC, MB, per simulated minute (%s, %s, self-check %s)%n", settings.scenario().name(),
                settings.strategy(), settings.selfCheck() ? "on" : "off");
        StringBuilder head = new StringBuilder(String.format("%-8s", "minute"));
        for (int i = 1; i <= plays.size(); i++) {
            head.append(String.format("%10s", "play " + i));
        }
        head.append(String.format("%10s%10s%10s   %s", "median", "min", "max", "wall s/min (median)"));
        out.println(head);
        for (int m = 0; m < minutes; m++) {
            int index = m;
            List<SoakSample> row = plays.stream().filter(p -> p.samples().size() > index).map(p -> p.samples().get(index)).toList();
            StringBuilder line = new StringBuilder(String.format("%-8d", row.getFirst().minute()));
            for (SoakSample sample : row) {
                line.append(String.format("%,10.0f", sample.heapAfterGc() / MB));
            }
            List<Double> heaps = row.stream().map(s -> s.heapAfterGc() / MB).toList();
            List<Double> walls = row.stream().map(s -> s.wallNanos() / 1e9).toList();
            line.append(String.format("%,10.0f%,10.0f%,10.0f   %.2f", median(heaps), min(heaps), max(heaps), median(walls)));
            out.println(line);
        }
        out.println();
        out.printf("%-46s%12s%12s%12s%n", "over " + plays.size() + " play(s)", "median", "min", "max");
        FIGURES.forEach((name, figure) -> {
            List<Double> values = values(figure);
            if (!values.isEmpty()) {
                out.printf("%-46s%,12.2f%,12.2f%,12.2f%n", LABELS.get(name), median(values), min(values), max(values));
            }
        });
        out.flush();
    }

    private List<Double> values(ToDoubleFunction<SoakPlay> figure) {
        List<Double> values = new ArrayList<>();
        for (SoakPlay play : plays) {
            double value = figure.applyAsDouble(play);
            if (!Double.isNaN(value)) {
                values.add(value);
            }
        }
        return values;
    }

    /** The figures of a play by their JSON name, with the table's label. */
    private static final Map<String, ToDoubleFunction<SoakPlay>> FIGURES = new LinkedHashMap<>();
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        figure("slopeMbPerMinute", "slope, MB per simulated minute", p -> p.slope() == null ? Double.NaN : p.slope().perMinute() / MB);
        figure("slopeStandardErrorMb", "  its standard error, MB", p -> p.slope() == null ? Double.NaN : p.slope().standardError() / MB);
        figure("endHeapAfterGcMb", "heap after full GC at the play's end, MB", p -> p.endHeapAfterGc() / MB);
        figure("playPeakMb", "peak heap in the play, MB", p -> p.playPeak() / MB);
        figure("playOldPeakMb", "  old generation's peak, MB", p -> p.playOldPeak() < 0 ? Double.NaN : p.playOldPeak() / MB);
        figure("afterPeakMb", "peak heap after the play, MB", p -> p.afterPeak() / MB);
        figure("afterOldPeakMb", "  old generation's peak, MB", p -> p.afterOldPeak() < 0 ? Double.NaN : p.afterOldPeak() / MB);
        figure("playWallSeconds", "play wall, s (forced GCs left out)", p -> p.playWallNanos() / 1e9);
        figure("playCpuSeconds", "play cpu of the playing thread, s", p -> p.playCpuNanos() / 1e9);
        figure("wallSecondsPerMinute", "play wall per simulated minute, s", p -> median(p.samples().stream().map(s -> s.wallNanos() / 1e9).toList()));
        figure("cpuSecondsPerMinute", "play cpu per simulated minute, s", p -> median(p.samples().stream().map(s -> s.cpuNanos() / 1e9).toList()));
        figure("afterWallSeconds", "after the play (measure, self-check) wall, s", p -> p.afterWallNanos() / 1e9);
        figure("afterCpuSeconds", "after the play, cpu of the calling thread, s", p -> p.afterCpuNanos() / 1e9);
        figure("processCpuSeconds", "process cpu (all threads, collectors), s", p -> p.processCpuNanos() < 0 ? Double.NaN : p.processCpuNanos() / 1e9);
    }

    private static void figure(String name, String label, ToDoubleFunction<SoakPlay> figure) {
        FIGURES.put(name, figure);
        LABELS.put(name, label);
    }

    /**
     * The result as JSON: {@code about} first (what was played, on what), then each figure's
     * median, min and max over the plays, then every play with its samples.
     */
    public String toJson(Map<String, Object> about) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "bench-soak");
        root.put("version", 1);
        root.putAll(about);
        Map<String, Object> spread = new LinkedHashMap<>();
        FIGURES.forEach((name, figure) -> {
            List<Double> values = values(figure);
            Map<String, Object> one = new LinkedHashMap<>(); // null where undefined: no Map.of
            one.put("median", values.isEmpty() ? null : round(median(values)));
            one.put("min", values.isEmpty() ? null : round(min(values)));
            one.put("max", values.isEmpty() ? null : round(max(values)));
            spread.put(name, one);
        });
        root.put("figures", spread);
        List<Map<String, Object>> played = new ArrayList<>();
        for (SoakPlay play : plays) {
            Map<String, Object> one = new LinkedHashMap<>();
            FIGURES.forEach((name, figure) -> {
                double value = figure.applyAsDouble(play);
                one.put(name, Double.isNaN(value) ? null : round(value));
            });
            one.put("budgetsMet", play.budgetsMet());
            one.put("budgets", play.budgets());
            List<Map<String, Object>> samples = new ArrayList<>();
            for (SoakSample sample : play.samples()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("minute", sample.minute());
                s.put("heapAfterGcMb", round(sample.heapAfterGc() / MB));
                s.put("wallSeconds", round(sample.wallNanos() / 1e9));
                s.put("cpuSeconds", round(sample.cpuNanos() / 1e9));
                s.put("forcedGcSeconds", round(sample.gcNanos() / 1e9));
                s.put("selfCheckPlayMinute", sample.replayText());
                samples.add(s);
            }
            one.put("minutes", samples);
            played.add(one);
        }
        root.put("plays", played);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the soak benchmark's JSON", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
