package dev.livetalk.metrics.results;

/**
 * Escapes text for XML and HTML, in element content and in attribute values: the one escaping
 * rule of every file the tool writes (JUnit XML here, index.html in reports).
 *
 * <p>Stateless; any thread.
 */
public final class Markup {
    private Markup() {
    }

    /**
     * {@code text} with {@code & < > "} escaped and line breaks kept as {@code &#10;}; safe in
     * element content and in double-quoted attribute values (the only quoting the tool writes).
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
