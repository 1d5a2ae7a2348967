package dev.livetalk.server;

import java.time.Duration;

/**
 * The lines {@link ServerMain} exchanges with the process that started it, one per line:
 * on stdout {@code listening <port> <epoch>} once bound and {@code commit <epoch> <message JSON>}
 * per commit (the JSON as {@code EventCodec} encodes the message, which holds no line break),
 * {@code request <type>} per request received ({@link CommitListener#onRequest}), from a durable start
 * {@code recovered <messages> <nanos> <told-again> <epoch>} once it listens, and from a standby
 * ({@code --standby}) {@code standing-by} once it is warm and waits; on stdin {@code slow-commit <nanos>}
 * (0 lifts it) and, to a standby, {@code recover} (optional) and {@code go}. Both sides format and
 * parse them here.
 *
 * <p>Immutable; any thread.
 */
public sealed interface ServerLine {
    /** The line's text, without the line break. */
    String format();

    /** The server is bound to {@code port} and announces {@code epoch}. */
    record Listening(int port, String epoch) implements ServerLine {
        @Override
        public String format() {
            return "listening " + port + " " + epoch;
        }
    }

    /** A message of {@code epoch} was committed; {@code json} is the message as the codec encodes it. */
    record Commit(String epoch, String json) implements ServerLine {
        @Override
        public String format() {
            return "commit " + epoch + " " + json;
        }
    }

    /** The server received a request of wire type {@code type} ({@link CommitListener#onRequest}). */
    record Request(String type) implements ServerLine {
        public Request {
            if (type == null || type.isEmpty() || type.contains(" ")) {
                throw new IllegalArgumentException("a request line needs one word, the request's type: " + type);
            }
        }

        @Override
        public String format() {
            return "request " + type;
        }
    }

    /**
     * A durable start's recovery, once it listens: {@code messages} recovered of {@code epoch} in
     * {@code took} (opening the history and reading it back), of which {@code toldAgain} were told
     * again as commit lines (those the parent had not heard of: {@link HeardCommits}).
     */
    record Recovered(long messages, Duration took, long toldAgain, String epoch) implements ServerLine {
        public Recovered {
            if (messages < 0 || toldAgain < 0 || toldAgain > messages || took.isNegative()) {
                throw new IllegalArgumentException("a recovery needs 0 <= told again <= messages and a time >= 0: "
                        + toldAgain + " of " + messages + " in " + took);
            }
        }

        @Override
        public String format() {
            return "recovered " + messages + " " + took.toNanos() + " " + toldAgain + " " + epoch;
        }
    }

    /** A standby is warm and waits for {@link Go}: it has not opened the history nor bound the port. */
    record StandingBy() implements ServerLine {
        @Override
        public String format() {
            return "standing-by";
        }
    }

    /**
     * To a standby: open the history (or make a fresh epoch) and recover it now, without binding
     * the port yet (the server before it is dead: its history is free).
     */
    record Recover() implements ServerLine {
        @Override
        public String format() {
            return "recover";
        }
    }

    /** To a standby: listen now (after recovering, when {@link Recover} did not come first). */
    record Go() implements ServerLine {
        @Override
        public String format() {
            return "go";
        }
    }

    /** Each commit takes {@code delay} more from now on; zero lifts it. */
    record SlowCommit(Duration delay) implements ServerLine {
        public SlowCommit {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("slow-commit delay must be >= 0: " + delay);
            }
        }

        @Override
        public String format() {
            return "slow-commit " + delay.toNanos();
        }
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException naming the line and the rule when it is none of the eight
     */
    static ServerLine parse(String line) {
        String[] parts = line.split(" ", 3);
        try {
            switch (parts[0]) {
                case "recovered" -> {
                    String[] recovered = line.split(" ", 5);
                    if (recovered.length == 5) {
                        return new Recovered(Long.parseLong(recovered[1]), Duration.ofNanos(Long.parseLong(
                                recovered[2])), Long.parseLong(recovered[3]), recovered[4]);
                    }
                }
                case "listening" -> {
                    if (parts.length == 3) {
                        return new Listening(Integer.parseInt(parts[1]), parts[2]);
                    }
                }
                case "commit" -> {
                    if (parts.length == 3) {
                        return new Commit(parts[1], parts[2]);
                    }
                }
                case "request" -> {
                    if (parts.length == 2 && !parts[1].isEmpty()) {
                        return new Request(parts[1]);
                    }
                }
                case "standing-by" -> {
                    if (parts.length == 1) {
                        return new StandingBy();
                    }
                }
                case "recover" -> {
                    if (parts.length == 1) {
                        return new Recover();
                    }
                }
                case "go" -> {
                    if (parts.length == 1) {
                        return new Go();
                    }
                }
                case "slow-commit" -> {
                    if (parts.length == 2) {
                        return new SlowCommit(Duration.ofNanos(Long.parseLong(parts[1])));
                    }
                }
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            // refused below with the rule
        }
        throw new IllegalArgumentException("unreadable line \"" + line + "\": expected \"listening <port> <epoch>\","
                + " \"commit <epoch> <json>\", \"request <type>\", \"recovered <messages> <nanos> <told-again> <epoch>\","
                + " \"standing-by\", \"recover\", \"go\" or \"slow-commit <nanos>\"");
    }
}
