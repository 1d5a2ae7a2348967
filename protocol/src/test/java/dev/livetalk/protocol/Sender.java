package dev.livetalk.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Which side sent a frame in a test, so it is decoded the way the receiving side would. */
enum Sender {
    CLIENT("c->s"), SERVER("s->c");

    private final String arrow;

    Sender(String arrow) {
        this.arrow = arrow;
    }

    /** The arrow used in examples.txt and docs/PROTOCOL.md. */
    String arrow() {
        return arrow;
    }

    static Sender byArrow(String arrow) {
        for (Sender sender : values()) {
            if (sender.arrow.equals(arrow)) {
                return sender;
            }
        }
        throw new IllegalArgumentException("arrow must be c->s or s->c: " + arrow);
    }

    Decoded<? extends Event> decode(EventCodec codec, String frame) {
        return this == CLIENT ? codec.decodeClient(frame) : codec.decodeServer(frame);
    }

    Decoded<? extends Event> decode(EventCodec codec, byte[] frame) {
        ByteBuffer bytes = ByteBuffer.wrap(frame);
        return this == CLIENT ? codec.decodeClient(bytes) : codec.decodeServer(bytes);
    }

    Decoded<? extends Event> decodeBytes(EventCodec codec, String frame) {
        return decode(codec, frame.getBytes(StandardCharsets.UTF_8));
    }
}
