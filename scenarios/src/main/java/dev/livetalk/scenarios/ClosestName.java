package dev.livetalk.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one (Levenshtein distance), for "did you mean"
 * hints in validation errors.
 *
 * <p>Stateless; any thread.
 */
public final class ClosestName {
    private static final int MIN_PREFIX = 5;

    private ClosestName() {
    }

    /** The closest candidate within a few edits of {@code name}, if any. */
    public static Optional<String> to(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, name.length() / 3);
        if (bestDistance <= allowed) {
            return Optional.ofNullable(best);
        }
        return candidates.stream().filter(c -> commonPrefix(name, c) >= MIN_PREFIX).findFirst();
    }

    /**
     * Up to {@code limit} candidates close to {@code name}, closest first (ties in candidate
     * order): within a few edits, as {@link #to}, else sharing its first characters.
     */
    public static List<String> closest(String name, Collection<String> candidates, int limit) {
        String lower = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, name.length() / 3);
        List<Near> near = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d <= allowed || commonPrefix(name, candidate) >= Math.max(MIN_PREFIX, name.length() - allowed)) {
                near.add(new Near(candidate, d));
            }
        }
        near.sort(Comparator.comparingInt(Near::distance));
        return near.stream().map(Near::name).distinct().limit(limit).toList();
    }

    private record Near(String name, int distance) {
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** " (did you mean 'x'?)" or an empty string. */
    public static String hint(String name, Collection<String> candidates) {
        return to(name, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
