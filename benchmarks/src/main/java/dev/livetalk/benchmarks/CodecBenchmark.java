package dev.livetalk.benchmarks;

import dev.livetalk.protocol.ClientEvent;
import dev.livetalk.protocol.Decoded;
import dev.livetalk.protocol.EventCodec;
import dev.livetalk.protocol.FrameStream;
import dev.livetalk.protocol.Message;
import dev.livetalk.protocol.Send;
import dev.livetalk.protocol.ServerEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the strict codec per frame: the server decodes every send, encodes every message.
 * The {@code stream*} ones go through one {@link FrameStream}, as a simulation does (a parser
 * and a generator reused across frames); the others are the baseline of the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CodecBenchmark {
    private final EventCodec codec = new EventCodec();
    private final String sendFrame = codec.encode(new Send("general", "c-000123", "hello there, how are you?", null));
    private final Message message = new Message("general", 123, "m-123", "c-000123", "alice",
            "hello there, how are you?", null, 1_764_000_000_000L);
    private final String messageFrame = codec.encode(message);
    private final FrameStream stream = codec.stream();

    @Benchmark
    public Decoded<ClientEvent> decodeSend() {
        return codec.decodeClient(sendFrame);
    }

    @Benchmark
    public Decoded<ServerEvent> decodeMessage() {
        return codec.decodeServer(messageFrame);
    }

    @Benchmark
    public String encodeMessage() {
        return codec.encode(message);
    }

    @Benchmark
    public Decoded<ClientEvent> streamDecodeSend() {
        return stream.decodeClient(sendFrame);
    }

    @Benchmark
    public Decoded<ServerEvent> streamDecodeMessage() {
        return stream.decodeServer(messageFrame);
    }

    @Benchmark
    public String streamEncodeMessage() {
        return stream.encode(message);
    }
}
