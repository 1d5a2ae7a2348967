package dev.livetalk.bench.cli;

import java.util.Locale;

/** A count with its noun in the right number, as the console writes it: {@code 1 scenario}, {@code 2 scenarios}. */
final class Counted {
    private Counted() {
    }

    /** {@code n} and {@code singular}, or {@code plural} when n is not 1. */
    static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }

    /** {@code n} and {@code noun}, with an {@code s} when n is not 1. */
    static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }
}
