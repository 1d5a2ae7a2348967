package dev.livetalk.metrics.results;

/**
 * A count with its noun in the right number, for every text the reports and the console
 * write: {@code 1 scenario}, {@code 3 scenarios}, {@code 1 strategy}, {@code 2 strategies},
 * {@code 200,000 simulated runs} (thousands grouped with commas, {@link #number}).
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
