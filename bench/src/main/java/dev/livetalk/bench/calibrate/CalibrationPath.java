package dev.livetalk.bench.calibrate;

/**
 * One measured layer, connected and ready: a sending client, a receiving client and what is
 * between them. Arrivals at the receiving client go to the path's {@link LayerSamples}.
 *
 * <p>Threads: {@link #send} on the sending driver's owner thread; {@link #close} on the
 * calibrating thread.
 */
interface CalibrationPath extends AutoCloseable {

    /** Where its sends and arrivals are recorded. */
    LayerSamples samples();

    /** Sends the layer's send {@code index}, due at {@code intendedNanos}, now ({@code nowNanos}). */
    void send(int index, long intendedNanos, long nowNanos);

    @Override
    void close();

    /** The body of send {@code index}: {@code cal:} and the index. */
    static String body(int index) {
        return Frames.PREFIX + index;
    }

    /** The frame bodies of a calibration. */
    final class Frames {
        static final String PREFIX = "cal:";
        static final String READY = PREFIX + "ready";

        private Frames() {
        }

        /** The send index in {@code text} ({@code cal:17}), or -1 for anything else. */
        static int indexOf(String text) {
            if (!text.startsWith(PREFIX) || text.length() == PREFIX.length() || text.length() > PREFIX.length() + 9) {
                return -1;
            }
            for (int i = PREFIX.length(); i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(text, PREFIX.length(), text.length(), 10);
        }
    }
}
