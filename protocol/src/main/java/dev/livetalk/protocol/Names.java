package dev.livetalk.protocol;

/**
 * Rules shared by the records for names and identifiers; a rule breach names value and rule. Its
 * {@link #MAX_NAME_LENGTH} is public: scenario validation refuses user and room names longer.
 */
public final class Names {
    /** Longest room name or user id, in characters. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Longest client message id, session id, message id, token or epoch, in characters. */
    static final int MAX_ID_LENGTH = 128;

    private Names() {
    }

    static String room(String field, String value) {
        requireNonNull(field, value);
        if (!isName(value, false)) {
            throw new IllegalArgumentException(field + " must be 1-64 of [A-Za-z0-9._-]: " + quote(value));
        }
        return value;
    }

    static String user(String field, String value) {
        requireNonNull(field, value);
        if (!isName(value, true)) {
            throw new IllegalArgumentException(field + " must be 1-64 of [A-Za-z0-9._@-]: " + quote(value));
        }
        return value;
    }

    /**
     * Room names are 1 to 64 of {@code [A-Za-z0-9._-]}; user ids may also hold {@code @}. A loop,
     * not a regex: every record constructor checks its names, on every frame.
     */
    private static boolean isName(String value, boolean allowAt) {
        int length = value.length();
        if (length == 0 || length > MAX_NAME_LENGTH) {
            return false;
        }
        byte allowed = allowAt ? USER_CHAR : ROOM_CHAR;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= NAME_CHARS.length || (NAME_CHARS[c] & allowed) == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #NAME_CHARS} bit of a character a room name may hold (a user id may too). */
    private static final byte ROOM_CHAR = 1;
    /** {@link #NAME_CHARS} bit of a character a user id may hold. */
    private static final byte USER_CHAR = 2;
    /** Per ASCII character, which names may hold it: [A-Za-z0-9._-] both, {@code @} user ids only. */
    private static final byte[] NAME_CHARS = new byte[128];

    static {
        for (char c = 0; c < NAME_CHARS.length; c++) {
            boolean room = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            NAME_CHARS[c] = room ? ROOM_CHAR | USER_CHAR : c == '@' ? USER_CHAR : 0;
        }
    }

    static String id(String field, String value) {
        requireNonNull(field, value);
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be 1-" + MAX_ID_LENGTH + " characters long: " + value.length());
        }
        return value;
    }

    static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    static long seq(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0: " + value);
        }
        return value;
    }

    static long positiveSeq(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1: " + value);
        }
        return value;
    }

    static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Index of the first unpaired surrogate in {@code value}, or -1: such text has no UTF-8 form. */
    static int unpairedSurrogate(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code value} with each unpaired surrogate replaced by U+FFFD. */
    static String withoutUnpairedSurrogates(String value) {
        if (unpairedSurrogate(value) < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    static String quote(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return '"' + shown + '"';
    }
}
