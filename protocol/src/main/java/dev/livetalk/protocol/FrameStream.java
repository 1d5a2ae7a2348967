package dev.livetalk.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The {@link EventCodec} for one thread's stream of frames: one JSON parser reads every frame
 * and one generator writes every event, as a sequence of root values, where the codec makes a
 * parser or generator, with its context, buffers and symbol table, for each frame. A
 * simulation passes millions of frames through one of these (they were a quarter of what it
 * allocated). Results are the codec's, frame for frame:
 * <ul>
 * <li>the reused parser takes only a frame that is exactly one object ({@code {} first,
 * {@code }} last, read to its end); anything else (whitespace around it, a rejection, a frame
 * near the size limit) is decoded by the codec itself, which words the rejection;</li>
 * <li>after any exception the parser is dropped and the next frame gets a new one.</li>
 * </ul>
 *
 * <p>Not thread-safe: owned by one thread, such as the one a simulation runs on.
 */
public final class FrameStream {
    private static final Writer DISCARD = Writer.nullWriter();

    private final EventCodec codec;
    private final FrameReader in = new FrameReader();
    private final FrameWriter out = new FrameWriter();
    /** Every frame's fields, one frame at a time: the event made of them holds none of it. */
    private final FrameObject reused = new FrameObject();
    /** The reused parser, or {@code null} until the next frame makes one. */
    private JsonParser parser;
    private JsonGenerator generator;
    private int parsersMade;

    FrameStream(EventCodec codec) {
        this.codec = codec;
    }

    /** As {@link EventCodec#decodeClient(String)}. */
    public Decoded<ClientEvent> decodeClient(String frame) {
        return decode(frame, EventCodec.Direction.CLIENT_TO_SERVER);
    }

    /** As {@link EventCodec#decodeServer(String)}. */
    public Decoded<ServerEvent> decodeServer(String frame) {
        return decode(frame, EventCodec.Direction.SERVER_TO_CLIENT);
    }

    /** As {@link EventCodec#encode(Event)}. */
    public String encode(Event event) {
        boolean written = false;
        try {
            if (generator == null) {
                generator = codec.factory().createGenerator(out);
                generator.setRootValueSeparator(null);
            }
            EventWriter.writeEvent(generator, event);
            generator.flush();
            written = true;
            return out.take();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        } finally {
            if (!written) {   // whatever was thrown, the generator may be inside an object: a new one next time
                generator = null;
                out.take();
            }
        }
    }

    private <T extends Event> Decoded<T> decode(String frame, EventCodec.Direction direction) {
        if (frame == null || frame.length() < 2 || frame.charAt(0) != '{' || frame.charAt(frame.length() - 1) != '}'
                || !codec.surelyFits(frame)) {
            return codec.decode(frame, direction);
        }
        FrameObject fields = read(frame);
        return fields == null ? codec.decode(frame, direction) : codec.decodeObject(fields, direction);
    }

    /** Parsers made so far: one, plus one after each frame the reused parser could not take. */
    int parsersMade() {
        return parsersMade;
    }

    /** The frame's fields, or {@code null} when the reused parser did not read it as exactly one object. */
    private FrameObject read(String frame) {
        in.set(frame);
        boolean whole = false;
        try {
            if (parser == null) {
                parser = codec.factory().createParser(in);
                parsersMade++;
            }
            FrameObject fields = codec.readFields(parser, reused);
            // The object must end the frame: nothing left in the parser's buffer or in the frame.
            whole = fields != null && in.drained() && parser.releaseBuffered(DISCARD) == 0;
            return whole ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null;   // the codec words the rejection (or reports what is not one) when it decodes the frame again
        } finally {
            if (!whole) {   // whatever was thrown, the parser may be inside an object: a new one next time
                drop();
            }
        }
    }

    /** Closes the parser (its buffers go back to the pool, its names to the shared table) and forgets it. */
    private void drop() {
        JsonParser dropped = parser;
        parser = null;
        if (dropped != null) {
            try {
                dropped.close();
            } catch (IOException | RuntimeException e) {
                // closing reads nothing and the reader's close does nothing: there is nothing to report
            }
        }
    }

    /** Hands the parser the current frame; at its end reports end of input, which ends that parser. */
    private static final class FrameReader extends Reader {
        private String frame = "";
        private int next;

        void set(String frame) {
            this.frame = frame;
            this.next = 0;
        }

        boolean drained() {
            return next == frame.length();
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int n = Math.min(length, frame.length() - next);
            if (n <= 0) {
                return length == 0 ? 0 : -1;
            }
            frame.getChars(next, next + n, buffer, offset);
            next += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** Collects what the generator flushes for one event; most events come in one piece. */
    private static final class FrameWriter extends Writer {
        private String piece;
        private StringBuilder pieces;

        String take() {
            String text = pieces != null ? pieces.toString() : piece != null ? piece : "";
            piece = null;
            pieces = null;
            return text;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            write(new String(chars, offset, length));
        }

        @Override
        public void write(String text, int offset, int length) {
            write(text.substring(offset, offset + length));
        }

        @Override
        public void write(String text) {
            if (pieces != null) {
                pieces.append(text);
            } else if (piece == null) {
                piece = text;
            } else {
                pieces = new StringBuilder(piece).append(text);
                piece = null;
            }
        }

        @Override
        public void write(int c) {
            write(String.valueOf((char) c));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
