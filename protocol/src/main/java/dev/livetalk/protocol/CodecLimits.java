package dev.livetalk.protocol;

/**
 * Size limits the codec enforces while decoding.
 *
 * @param maxFrameBytes   longest frame accepted, in UTF-8 bytes
 * @param maxBodyChars    longest message body accepted, in characters
 * @param maxObjectFields most fields of any one JSON object in a frame (the event or one nested in it),
 *                        counted while parsing: the parser stops at the first field beyond it
 */
public record CodecLimits(int maxFrameBytes, int maxBodyChars, int maxObjectFields) {
    /** Fields per object unless told otherwise: an event has at most 9, a resume map one per room. */
    public static final int DEFAULT_MAX_OBJECT_FIELDS = 1024;

    /** 64 KiB frames, 4,096-character bodies, 1,024 fields per object. */
    public static final CodecLimits DEFAULT = new CodecLimits(64 * 1024, 4096);

    /**
     * What a client accepts from the server, on every transport: 8 MiB frames (a history reply
     * carries many messages), 1 MiB bodies, 1,024 fields per object.
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
        if (maxObjectFields < 16) {
            throw new IllegalArgumentException("maxObjectFields must be >= 16: " + maxObjectFields);
        }
    }

    /** Limits with {@link #DEFAULT_MAX_OBJECT_FIELDS} fields per object. */
    public CodecLimits(int maxFrameBytes, int maxBodyChars) {
        this(maxFrameBytes, maxBodyChars, DEFAULT_MAX_OBJECT_FIELDS);
    }
}
