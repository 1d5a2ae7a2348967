package dev.livetalk.protocol;

/**
 * Size limits the codec enforces while decoding.
 *
 * @param maxFrameBytes longest frame accepted, in UTF-8 bytes
 * @param maxBodyChars  longest message body accepted, in characters
 */
public record CodecLimits(int maxFrameBytes, int maxBodyChars) {
    /** 64 KiB frames, 4,096-character bodies. */
    public static final CodecLimits DEFAULT = new CodecLimits(64 * 1024, 4096);

    /**
     * What a client accepts from the server, on every transport: 8 MiB frames (a history reply
     * carries many messages), 1 MiB bodies.
     */
    public static final CodecLimits CLIENT = new CodecLimits(8 * 1024 * 1024, 1024 * 1024);

    public CodecLimits {
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 256: " + maxFrameBytes);
        }
        if (maxBodyChars < 1 || maxBodyChars > maxFrameBytes) {
            throw new IllegalArgumentException(
                    "maxBodyChars must be 1.." + maxFrameBytes + " (maxFrameBytes): " + maxBodyChars);
        }
    }
}
