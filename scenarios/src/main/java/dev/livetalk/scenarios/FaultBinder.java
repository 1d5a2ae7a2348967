package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.DirectionSelector;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultKind;
import dev.livetalk.scenarios.fault.FaultSpec;
import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.Target;
import dev.livetalk.scenarios.fault.Timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the {@code faults} list: each entry's type and parameters ({@link FaultParameters}),
 * timing, direction and target, checked against the run (a fault ends by the end of the
 * run), the declared users and rooms, the client shape, and what the chosen network backend
 * can play.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class FaultBinder {
    private static final List<String> COMMON_KEYS =
            List.of("type", "name", "at", "every", "for", "count", "arrival", "direction", "target");

    /** What a fault is checked against. */
    record Context(List<String> users, List<Room> rooms, Duration duration, ClientShape shape, Backend backend) {
    }

    private final Values values;
    private final Diagnostics diagnostics;
    private final Context context;
    private final TargetBinder targets;

    FaultBinder(Values values, Diagnostics diagnostics, Context context) {
        this.values = values;
        this.diagnostics = diagnostics;
        this.context = context;
        this.targets = new TargetBinder(values, diagnostics, context);
    }

    List<FaultSpec> faults(YamlNode node) {
        List<FaultSpec> faults = new ArrayList<>();
        Map<String, YamlNode> names = new HashMap<>();
        List<YamlNode> items = values.list(node, "faults").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "faults[" + i + "]";
            int index = i;
            values.mapping(items.get(i), path).flatMap(m -> fault(m, path, index)).ifPresent(fault -> {
                YamlNode at = nameNode(items.get(index));
                YamlNode first = names.putIfAbsent(fault.name(), at);
                if (first != null) {
                    values.error(at, "duplicate fault name '" + fault.name() + "' (first at "
                            + first.mark().line() + ":" + first.mark().column() + "; fault names are unique)");
                } else {
                    faults.add(fault);
                }
            });
        }
        return faults;
    }

    /** The node of the fault's {@code name}, or the fault itself when it has none. */
    private static YamlNode nameNode(YamlNode fault) {
        return fault instanceof YamlNode.Mapping m ? m.entries().stream().filter(e -> e.key().equals("name"))
                .map(YamlNode.Entry::value).findFirst().orElse(fault) : fault;
    }

    private Optional<FaultSpec> fault(YamlNode.Mapping mapping, String path, int index) {
        Optional<YamlNode> typeNode = mapping.entries().stream().filter(e -> e.key().equals("type"))
                .map(YamlNode.Entry::value).findFirst();
        Optional<FaultKind> kind = typeNode.flatMap(t -> values.choice(t, path + ".type", FaultKind.values(),
                FaultKind::yamlName));
        List<String> known = Stream.concat(COMMON_KEYS.stream(),
                kind.map(FaultParameters::keys).orElse(FaultParameters.allKeys()).stream()).distinct().toList();
        Fields fields = new Fields(mapping, path, known, diagnostics);
        if (typeNode.isEmpty()) {
            fields.required("type", "what the fault does: " + kindNames());
        }
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        boolean playable = playable(kind.get(), typeNode.orElseThrow(), path);
        Optional<Fault> fault = new FaultParameters(values, fields).read(kind.get());
        Optional<String> name = fields.optional("name")
                .flatMap(n -> values.name(n, fields.path("name"), Scenario.MAX_NAME_LENGTH, Scenario.FAULT_NAME_LIMIT))
                .or(() -> Optional.of(kind.get().yamlName() + "#" + (index + 1)));
        Optional<Timing> timing = new TimingBinder(values, context.duration())
                .timing(fields, name.orElse(kind.get().yamlName()));
        Optional<DirectionSelector> direction = direction(fields, kind.get());
        Optional<Target> target = fields.optional("target").map(t -> targets.target(t, fields.path("target")))
                .orElse(Optional.of(kind.get().onServer() ? new Target.ServerSide()
                        : new Target.AllClients(LinkSelector.BOTH)));
        if (kind.get().onServer() && target.isPresent() && !(target.get() instanceof Target.ServerSide)) {
            values.error(fields.optional("target").orElseThrow(), fields.path("target") + " must be server for "
                    + kind.get().yamlName() + " (it acts on the server process, not on links): "
                    + Values.text(fields.optional("target").orElseThrow()));
            target = Optional.empty();
        }
        if (!playable || fault.isEmpty() || name.isEmpty() || timing.isEmpty() || direction.isEmpty()
                || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FaultSpec(name.get(), fault.get(), timing.get(), direction.get(), target.get()));
    }

    private boolean playable(FaultKind kind, YamlNode typeNode, String path) {
        if (kind.playableOn(context.backend())) {
            return true;
        }
        values.error(typeNode, path + ".type: network " + context.backend().yamlName()
                + " cannot play " + kind.yamlName() + " (" + capabilityRule(kind)
                + "; it plays on: " + backendNames(kind) + ")");
        return false;
    }

    private Optional<DirectionSelector> direction(Fields fields, FaultKind kind) {
        Optional<YamlNode> node = fields.optional("direction");
        if (node.isEmpty()) {
            return Optional.of(DirectionSelector.BOTH);
        }
        if (!kind.directional()) {
            values.error(node.get(), fields.path("direction") + " does not apply to " + kind.yamlName()
                    + " (it always cuts both ways): " + Values.text(node.get()));
            return Optional.empty();
        }
        return values.choice(node.get(), fields.path("direction"), DirectionSelector.values(), DirectionSelector::yamlName);
    }

    private static String capabilityRule(FaultKind kind) {
        return kind.playableOn(Backend.SIM) && !kind.playableOn(Backend.TOXIPROXY)
                ? "a TCP proxy cannot drop, duplicate, reorder or partition single messages"
                : "the simulator has no byte-stream model of " + kind.yamlName();
    }

    private static String backendNames(FaultKind kind) {
        return String.join(", ", Stream.of(Backend.values()).filter(kind::playableOn).map(Backend::yamlName).toList());
    }

    private static String kindNames() {
        return String.join(", ", Stream.of(FaultKind.values()).map(FaultKind::yamlName).toList());
    }
}
