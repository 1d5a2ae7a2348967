package dev.livetalk.scenarios;

import dev.livetalk.scenarios.budget.Budget;
import dev.livetalk.scenarios.fault.FaultSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Turns the located YAML tree of a scenario file into a {@link Scenario}, collecting every
 * problem in {@link Diagnostics} instead of stopping at the first.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class ScenarioBinder {
    static final List<String> KEYS = List.of("name", "description", "seed", "network", "duration", "warmup",
            "quiesce", "client-shape", "users", "rooms", "load", "strategies", "faults", "budgets", "server",
            "clients");
    private static final List<String> SERVER_KEYS = List.of("history-limit", "dedupe-window");
    private static final List<String> CLIENT_KEYS = List.of("transcript-limit");
    private static final List<String> LOAD_KEYS = List.of("rate", "arrival", "reply-share");
    private static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);
    private static final Duration DEFAULT_QUIESCE = Duration.ofSeconds(5);

    private final Diagnostics diagnostics;
    private final Values values;
    private final LoaderOptions options;
    private final String source;

    ScenarioBinder(Diagnostics diagnostics, LoaderOptions options, String source) {
        this.diagnostics = diagnostics;
        this.values = new Values(diagnostics);
        this.options = options;
        this.source = source;
    }

    Optional<Scenario> bind(YamlNode root) {
        Optional<YamlNode.Mapping> mapping = values.mapping(root, "a scenario");
        return mapping.flatMap(m -> scenario(new Fields(m, "scenario", KEYS, diagnostics)));
    }

    private Optional<Scenario> scenario(Fields f) {
        Optional<String> name = f.required("name", "the scenario's name")
                .flatMap(n -> values.name(n, "name", Scenario.MAX_NAME_LENGTH, Scenario.NAME_LIMIT));
        String description = f.optional("description").flatMap(n -> values.text(n, "description")).orElse("");
        Optional<Long> seed = f.required("seed", "the seed of every random choice").flatMap(n -> values.integer(n, "seed"));
        Backend network = options.network().orElseGet(() -> choice(f, "network", Backend.values(), Backend::yamlName,
                Backend.TOXIPROXY));
        Optional<Duration> duration = f.required("duration", "how long load and faults run, such as 60s")
                .flatMap(n -> positiveDuration(n, "duration"));
        ClientShape shape = choice(f, "client-shape", ClientShape.values(), ClientShape::yamlName, ClientShape.SINGLE);
        MembershipBinder membership = new MembershipBinder(values);
        List<String> users = f.required("users", "a list of user names, or {count, prefix}")
                .map(n -> membership.users(n, diagnostics)).orElse(List.of());
        List<Room> rooms = f.required("rooms", "a list of {name, members}, or {count, prefix}")
                .map(n -> membership.rooms(n, users, diagnostics)).orElse(List.of());
        Optional<Load> load = f.required("load", "rate, arrival and reply-share of the open-model load")
                .flatMap(n -> load(n, Scenario.senders(rooms)));
        StrategySelection strategies = f.optional("strategies").flatMap(this::strategies).orElse(new StrategySelection.All());
        List<FaultSpec> faults = faults(f, new FaultBinder.Context(users, rooms, duration.orElse(null), shape, network));
        List<Budget> budgets = budgets(f, strategies, rooms, duration.orElse(null));
        Optional<ServerSettings> server = f.optional("server").map(this::server)
                .orElse(Optional.of(ServerSettings.DEFAULTS));
        Optional<ClientSettings> clients = f.optional("clients").map(this::clients)
                .orElse(Optional.of(ClientSettings.DEFAULTS));
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario(name.orElseThrow(), description, seed.orElseThrow(), network,
                duration.orElseThrow(), optionalDuration(f, "warmup", DEFAULT_WARMUP),
                optionalDuration(f, "quiesce", DEFAULT_QUIESCE), users, rooms, shape, load.orElseThrow(), strategies,
                faults, budgets, server.orElseThrow(), clients.orElseThrow()));
    }

    private Optional<ClientSettings> clients(YamlNode node) {
        return values.mapping(node, "clients").flatMap(m -> {
            Fields f = new Fields(m, "clients", CLIENT_KEYS, diagnostics);
            Optional<OptionalInt> transcriptLimit = f.optional("transcript-limit")
                    .map(n -> values.integer(n, "clients.transcript-limit").flatMap(v -> transcriptLimit(n, v))
                            .map(OptionalInt::of))
                    .orElse(Optional.of(OptionalInt.empty()));
            return transcriptLimit.map(ClientSettings::new);
        });
    }

    private Optional<Integer> transcriptLimit(YamlNode node, long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            values.error(node, "clients.transcript-limit must be a whole number from 1 to " + Integer.MAX_VALUE
                    + " (lines each client keeps per room; leave it out to keep every line): " + value);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    private Optional<ServerSettings> server(YamlNode node) {
        return values.mapping(node, "server").flatMap(m -> {
            Fields f = new Fields(m, "server", SERVER_KEYS, diagnostics);
            Optional<OptionalInt> historyLimit = serverCount(f, "history-limit", "messages kept per room");
            Optional<OptionalInt> dedupeWindow = serverCount(f, "dedupe-window",
                    "client message ids whose acks the server remembers per user");
            if (historyLimit.isEmpty() || dedupeWindow.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ServerSettings(historyLimit.get(), dedupeWindow.get()));
        });
    }

    /** An optional whole number >= 1 of the {@code server:} block; empty when it is bad (reported). */
    private Optional<OptionalInt> serverCount(Fields f, String key, String meaning) {
        return f.optional(key)
                .map(n -> values.integer(n, "server." + key).flatMap(v -> serverCount(n, key, meaning, v))
                        .map(OptionalInt::of))
                .orElse(Optional.of(OptionalInt.empty()));
    }

    private Optional<Integer> serverCount(YamlNode node, String key, String meaning, long value) {
        if (value < 1) {
            values.error(node, "server." + key + " must be a whole number >= 1 (" + meaning + "): " + value);
            return Optional.empty();
        }
        if (value > Integer.MAX_VALUE) {
            values.error(node, "server." + key + " must be at most " + Integer.MAX_VALUE
                    + " (" + meaning + "): " + value);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    private List<FaultSpec> faults(Fields f, FaultBinder.Context context) {
        return f.optional("faults").map(n -> new FaultBinder(values, diagnostics, context).faults(n))
                .orElse(List.of());
    }

    private List<Budget> budgets(Fields f, StrategySelection strategies, List<Room> rooms, Duration duration) {
        List<String> roomNames = rooms.stream().map(Room::name).toList();
        return f.optional("budgets")
                .map(n -> new BudgetBinder(values, diagnostics, source)
                        .budgets(n, strategies, options, roomNames, duration))
                .orElse(List.of());
    }

    private <E extends Enum<E>> E choice(Fields f, String key, E[] choices, Function<E, String> nameOf, E fallback) {
        return f.optional(key).flatMap(n -> values.choice(n, key, choices, nameOf)).orElse(fallback);
    }

    private Optional<Duration> positiveDuration(YamlNode node, String path) {
        Optional<Duration> value = values.duration(node, path);
        if (value.isPresent() && value.get().isZero()) {
            values.error(node, path + " must be a duration > 0: " + Values.text(node));
            return Optional.empty();
        }
        return value;
    }

    private Duration optionalDuration(Fields f, String key, Duration fallback) {
        return f.optional(key).flatMap(n -> values.duration(n, key)).orElse(fallback);
    }

    /** The {@code load:} block; {@code senders}, the users in a room, bound its total rate. */
    private Optional<Load> load(YamlNode node, int senders) {
        return values.mapping(node, "load").flatMap(m -> {
            Fields f = new Fields(m, "load", LOAD_KEYS, diagnostics);
            Optional<Double> rate = f.required("rate", "messages per second per sender")
                    .flatMap(n -> values.positive(n, "load.rate", "messages/s per sender")
                            .filter(r -> rateWithinLimit(n, r) && totalRateWithinLimit(n, r, senders)));
            Optional<Arrival> arrival = f.optional("arrival")
                    .map(n -> values.choice(n, "load.arrival", Arrival.values(), Arrival::yamlName))
                    .orElse(Optional.of(Arrival.CONSTANT));
            Optional<Double> replyShare = f.optional("reply-share")
                    .map(n -> values.fraction(n, "load.reply-share", true)).orElse(Optional.of(0.0));
            return rate.isPresent() && arrival.isPresent() && replyShare.isPresent()
                    ? Optional.of(new Load(rate.get(), arrival.get(), replyShare.get())) : Optional.empty();
        });
    }

    private boolean rateWithinLimit(YamlNode node, double rate) {
        if (rate <= Load.MAX_RATE_PER_SENDER) {
            return true;
        }
        values.error(node, "load.rate must be at most " + (long) Load.MAX_RATE_PER_SENDER
                + " messages/s per sender (one send a millisecond): " + Values.text(node));
        return false;
    }

    private boolean totalRateWithinLimit(YamlNode node, double rate, int senders) {
        double total = rate * senders;
        if (total <= Load.MAX_TOTAL_RATE) {
            return true;
        }
        values.error(node, "load.rate times the users that send (those in a room) must be at most "
                + (long) Load.MAX_TOTAL_RATE + " messages/s in all (more does not play in reasonable time, even in"
                + " the simulator): " + Values.text(node) + " messages/s from each of " + senders + " users = "
                + String.format(Locale.ROOT, "%.0f", total) + " messages/s");
        return false;
    }

    private Optional<StrategySelection> strategies(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && "all".equals(s.text())) {
            return Optional.of(new StrategySelection.All());
        }
        if (!(node instanceof YamlNode.Sequence)) {
            values.error(node, "strategies must be all or a list of strategy names, not " + node.describe());
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        List<YamlNode> items = values.list(node, "strategies").orElseThrow();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = "strategies[" + i + "]";
            values.name(item, path).filter(n -> knownStrategy(item, path, n, names)).ifPresent(names::add);
        }
        if (items.isEmpty()) {
            values.error(node, "strategies must name at least one strategy, or be all");
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new StrategySelection.Named(names));
    }

    private boolean knownStrategy(YamlNode item, String path, String name, List<String> earlier) {
        if (earlier.contains(name)) {
            values.error(item, path + ": strategy '" + name + "' is listed twice");
            return false;
        }
        if (!options.knownStrategies().isEmpty() && !options.knownStrategies().contains(name)) {
            values.error(item, path + ": " + options.notFound(name));
            return false;
        }
        return true;
    }
}
