package dev.livetalk.bench.fanout;

import java.net.URI;
import java.util.List;

/** A server the fan-out benchmark drives: where it is and which frames it speaks. */
interface FanoutTarget extends AutoCloseable {

    /** A short name for the report. */
    String name();

    /** Where clients connect. */
    URI uri();

    /** Frames client {@code client} sends after connecting, before it counts as ready. */
    List<String> openingFrames(int client);

    /** Whether {@code frame} tells a client it is ready to receive the room's traffic. */
    boolean isReadyFrame(String frame);

    /** The frame client {@code sender} sends to post a message with {@code body}. */
    String sendFrame(int sender, long index, String body);

    /** How many clients receive each message when {@code clients} are connected. */
    int deliveriesPerMessage(int clients);

    @Override
    void close();
}
