package dev.livetalk.metrics.results;

/**
 * A count with its noun in the right number, for every text the reports and the console
 * write: {@code 1 scenario}, {@code 3 scenarios}, {@code 1 strategy}, {@code 2 strategies},
 * {@code 200,000 simulated runs} (thousands grouped with commas, {@link #number}); and a share
 * in percent ({@link #percent}), the one spelling of a share on the console, in the reports and
 * in budget verdicts, so one figure reads the same everywhere.
 *
 * <p>Stateless; any thread.
 */
public final class Words {
    private Words() {
    }

    /**
     * {@code n} and {@code noun} (singular), plural unless {@code n} is 1: a noun ending in a
     * consonant and {@code y} takes {@code ies}, one ending in {@code s}, {@code x}, {@code ch} or
     * {@code sh} takes {@code es}, any other {@code s}; in a phrase ({@code strategy run}) the last
     * word changes. The number's thousands are grouped with commas ({@link #number}).
     */
    public static String count(long n, String noun) {
        return number(n) + " " + (n == 1 ? noun : plural(noun));
    }

    /** {@code n} for a reader: thousands grouped with commas ({@code 200,000}), whatever the locale. */
    public static String number(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /**
     * A figure in percent for a reader, without decimals unless it needs one: {@code 75%},
     * {@code 62.5%}, {@code 16.7%}, {@code 150%}. A share strictly between 0 and 100 never reads
     * {@code 0%} or {@code 100%}: 99.96 is {@code 99.9%}, 0.04 is {@code 0.1%}.
     */
    public static String percent(double value) {
        double shown = Math.round(value * 10) / 10.0;
        if (value > 0 && value < 100) {
            shown = Math.max(0.1, Math.min(99.9, shown));
        }
        return shown == Math.rint(shown) ? String.format(java.util.Locale.ROOT, "%.0f%%", shown)
                : String.format(java.util.Locale.ROOT, "%.1f%%", shown);
    }

    /** The plural of {@code noun} by the rule of {@link #count}. */
    public static String plural(String noun) {
        int last = noun.length() - 1;
        if (noun.endsWith("y") && last > 0 && "aeiou".indexOf(noun.charAt(last - 1)) < 0) {
            return noun.substring(0, last) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }
}
