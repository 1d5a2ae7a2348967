package dev.livetalk.protocol;

/** Protocol versions. A server answers a hello of another version with an error and a close. */
public final class ProtocolVersion {
    /** The version this code speaks. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }

    /** Whether this code speaks {@code version}. */
    public static boolean isSupported(int version) {
        return version == CURRENT;
    }
}
