package dev.livetalk.reports;

/**
 * The tag of one series of an interval log, as {@code HlogWriter} writes it:
 * {@code strategy=S;metric=M;phase=P;kind=corrected|raw}.
 *
 * <p>Immutable; any thread.
 *
 * @param strategy  the strategy
 * @param metric    the latency metric's expression name ({@code peer-final})
 * @param phase     {@code all}, {@code before}, {@code during} or {@code after}
 * @param corrected from the intended send time ({@code kind=corrected}), else raw
 */
public record SeriesTag(String strategy, String metric, String phase, boolean corrected) {

    /**
     * Parses a tag.
     *
     * @throws IllegalArgumentException when a part is missing or unknown
     */
    public static SeriesTag parse(String tag) {
        String strategy = null;
        String metric = null;
        String phase = null;
        String kind = null;
        for (String part : tag.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("series tag part must be key=value: '" + part + "' in " + tag);
            }
            String value = part.substring(eq + 1);
            switch (part.substring(0, eq)) {
                case "strategy" -> strategy = value;
                case "metric" -> metric = value;
                case "phase" -> phase = value;
                case "kind" -> kind = value;
                default -> throw new IllegalArgumentException("unknown series tag key '" + part.substring(0, eq)
                        + "' in " + tag);
            }
        }
        if (strategy == null || metric == null || phase == null || kind == null) {
            throw new IllegalArgumentException("series tag needs strategy, metric, phase and kind: " + tag);
        }
        if (!kind.equals("corrected") && !kind.equals("raw")) {
            throw new IllegalArgumentException("series tag kind must be corrected or raw: " + tag);
        }
        return new SeriesTag(strategy, metric, phase, kind.equals("corrected"));
    }
}
