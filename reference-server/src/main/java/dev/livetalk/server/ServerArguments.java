package dev.livetalk.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link ServerMain}:
 * {@code --port P --secret S --history N --dedupe W --rate R --burst B [--data DIR [--heard FILE]] [--epoch E]
 * [--standby [--warm-up DIR]]}. Every option but {@code --standby} takes one value; {@code --port} must be above 0 (the
 * parent picks a free port, since Tyrus binds 8025 when asked for 0). Bad arguments are refused naming the value and the rule.
 *
 * <p>Immutable; any thread.
 *
 * @param port    the loopback port to listen on, &gt; 0
 * @param secret  the HMAC key of user tokens
 * @param history messages kept per room
 * @param dedupe  client message ids per user whose acks are remembered for resends
 * @param rate    events per second a connection may send on average
 * @param burst   events a connection may send at once
 * @param data    the durable history's folder, or {@code null} for a history in memory
 * @param epoch   the epoch to announce, or {@code null} for a fresh one (or the durable history's)
 * @param standby whether it starts as a standby: warms up, says so, and opens the history and binds the port
 *                only once told {@code go} on stdin ({@link ServerMain})
 * @param warmUp  a standby's folder for the scratch history of its warm-up (with {@code data}), which the parent
 *                deletes (a standby is killed, so it cannot be trusted to), or {@code null} for a temporary folder of
 *                its own; only with {@code standby}
 * @param heard   the parent's {@link HeardCommits} file, read when the server listens: what of the recovered history
 *                is told again as commit lines (absent: all), or {@code null} for all; only with {@code data}
 */
public record ServerArguments(int port, String secret, int history, int dedupe, double rate, int burst, Path data,
                              String epoch, boolean standby, Path warmUp, Path heard) {
    /** How to call {@link ServerMain}, for error messages. */
    public static final String USAGE = "usage: ServerMain --port P --secret S --history N --dedupe W --rate R"
            + " --burst B [--data DIR [--heard FILE]] [--epoch E] [--standby [--warm-up DIR]]";
    private static final String STANDBY = "--standby";
    private static final String WARM_UP = "--warm-up";
    private static final String HEARD = "--heard";
    private static final List<String> REQUIRED = List.of("--port", "--secret", "--history", "--dedupe", "--rate",
            "--burst");
    private static final Set<String> KNOWN = Set.of("--port", "--secret", "--history", "--dedupe", "--rate", "--burst",
            "--data", "--epoch", STANDBY, WARM_UP, HEARD);

    public ServerArguments {
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 1..65535: " + port);
        }
        if (warmUp != null && !standby) {
            throw new IllegalArgumentException(WARM_UP + " is for a " + STANDBY + " only: \"" + warmUp + "\"");
        }
        if (heard != null && data == null) {
            throw new IllegalArgumentException(HEARD + " is for a durable server (--data) only: \"" + heard + "\"");
        }
    }

    /** A server that starts at once ({@code standby} false). */
    public ServerArguments(int port, String secret, int history, int dedupe, double rate, int burst, Path data,
                           String epoch) {
        this(port, secret, history, dedupe, rate, burst, data, epoch, false, null, null);
    }

    /** These arguments for a standby ({@link #standby()}) that warms up in {@code warmUp} (or {@code null}). */
    public ServerArguments asStandby(Path warmUp) {
        return new ServerArguments(port, secret, history, dedupe, rate, burst, data, epoch, true, warmUp, heard);
    }

    /** These arguments with the parent's {@link HeardCommits} file {@code heard} (a durable server's only). */
    public ServerArguments withHeard(Path heard) {
        return new ServerArguments(port, secret, history, dedupe, rate, burst, data, epoch, standby, warmUp, heard);
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the value and the rule, for an unknown or repeated option, a
     *                                  missing value or option, or a value out of range
     */
    public static ServerArguments parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean standby = false;
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (option.equals(STANDBY)) {
                if (standby) {
                    throw new IllegalArgumentException(STANDBY + " may be given once");
                }
                standby = true;
                i--; // it takes no value
                continue;
            }
            if (!KNOWN.contains(option)) {
                throw new IllegalArgumentException("unknown option \"" + option + "\": expected one of "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (values.put(option, args.get(i + 1)) != null) {
                throw new IllegalArgumentException(option + " may be given once: given again as \""
                        + args.get(i + 1) + "\"");
            }
        }
        for (String option : REQUIRED) {
            if (!values.containsKey(option)) {
                throw new IllegalArgumentException(option + " is required");
            }
        }
        String data = values.get("--data");
        String warmUp = values.get(WARM_UP);
        String heard = values.get(HEARD);
        return new ServerArguments(integer(values, "--port"), values.get("--secret"), integer(values, "--history"),
                integer(values, "--dedupe"), number(values, "--rate"), integer(values, "--burst"),
                data == null ? null : Path.of(data), values.get("--epoch"), standby,
                warmUp == null ? null : Path.of(warmUp), heard == null ? null : Path.of(heard));
    }

    /**
     * The server's configuration: these values on the defaults, told of commits by {@code listener}.
     *
     * @throws IllegalArgumentException when {@link ServerConfig} refuses a value (naming it and the rule)
     */
    public ServerConfig config(CommitListener listener) {
        return ServerConfig.builder(secret)
                .port(port)
                .historyLimit(history)
                .dedupeWindow(dedupe)
                .rateLimit(rate, burst)
                .dataDir(data)
                .epoch(epoch)
                .commitListener(listener)
                .build();
    }

    /** This command line again, as {@link #parse} reads it. */
    public List<String> toArgs() {
        List<String> args = new java.util.ArrayList<>(List.of("--port", Integer.toString(port), "--secret", secret,
                "--history", Integer.toString(history), "--dedupe", Integer.toString(dedupe),
                "--rate", Double.toString(rate), "--burst", Integer.toString(burst)));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        if (epoch != null) {
            args.addAll(List.of("--epoch", epoch));
        }
        if (standby) {
            args.add(STANDBY);
        }
        if (warmUp != null) {
            args.addAll(List.of(WARM_UP, warmUp.toString()));
        }
        if (heard != null) {
            args.addAll(List.of(HEARD, heard.toString()));
        }
        return List.copyOf(args);
    }

    private static int integer(Map<String, String> values, String option) {
        String value = values.get(option);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number: \"" + value + "\"");
        }
    }

    private static double number(Map<String, String> values, String option) {
        String value = values.get(option);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number: \"" + value + "\"");
        }
    }
}
