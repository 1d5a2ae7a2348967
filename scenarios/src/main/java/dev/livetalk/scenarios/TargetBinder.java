package dev.livetalk.scenarios;

import dev.livetalk.scenarios.fault.LinkSelector;
import dev.livetalk.scenarios.fault.Target;

import java.util.List;
import java.util.Optional;

/**
 * Reads a fault's target: {@code all}, {@code server}, or a mapping with one of
 * {@code client: NAME}, {@code share: 0.25}, {@code room: NAME}, and for split clients an
 * optional {@code link: send | receive | both}. Names must be declared.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class TargetBinder {
    private static final List<String> KEYS = List.of("client", "share", "room", "link");
    private static final List<String> SELECTORS = List.of("client", "share", "room");

    private final Values values;
    private final Diagnostics diagnostics;
    private final FaultBinder.Context context;

    TargetBinder(Values values, Diagnostics diagnostics, FaultBinder.Context context) {
        this.values = values;
        this.diagnostics = diagnostics;
        this.context = context;
    }

    Optional<Target> target(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            return scalar(s, path);
        }
        return values.mapping(node, path).flatMap(m -> selector(new Fields(m, path, KEYS, diagnostics), path));
    }

    private Optional<Target> scalar(YamlNode.Scalar node, String path) {
        if ("all".equals(node.text())) {
            return Optional.of(new Target.AllClients(LinkSelector.BOTH));
        }
        if ("server".equals(node.text())) {
            return Optional.of(new Target.ServerSide());
        }
        String hint = context.users().contains(node.text()) ? " (for one client write {client: " + node.text() + "})" : "";
        values.error(node, path + " must be all, server, or a mapping with client, share or room: '"
                + node.text() + "'" + hint);
        return Optional.empty();
    }

    private Optional<Target> selector(Fields fields, String path) {
        List<String> given = SELECTORS.stream().filter(fields::has).toList();
        if (given.size() != 1) {
            diagnostics.error(fields.mapping().mark(), path + " needs exactly one of client, share, room"
                    + (given.isEmpty() ? "" : "; found " + String.join(", ", given)));
            return Optional.empty();
        }
        Optional<LinkSelector> link = link(fields);
        String key = given.get(0);
        YamlNode value = fields.optional(key).orElseThrow();
        Optional<Target> target = switch (key) {
            case "client" -> named(value, fields.path(key), context.users(), "user")
                    .map(user -> new Target.Client(user, link.orElse(LinkSelector.BOTH)));
            case "room" -> named(value, fields.path(key), context.rooms().stream().map(Room::name).toList(), "room")
                    .map(room -> new Target.Room(room, link.orElse(LinkSelector.BOTH)));
            default -> values.fraction(value, fields.path(key), false)
                    .map(share -> new Target.Share(share, link.orElse(LinkSelector.BOTH)));
        };
        return link.isPresent() ? target : Optional.empty();
    }

    private Optional<LinkSelector> link(Fields fields) {
        Optional<YamlNode> node = fields.optional("link");
        if (node.isEmpty()) {
            return Optional.of(LinkSelector.BOTH);
        }
        Optional<LinkSelector> link = values.choice(node.get(), fields.path("link"), LinkSelector.values(), LinkSelector::yamlName);
        if (link.isPresent() && link.get() != LinkSelector.BOTH && context.shape() != ClientShape.SPLIT) {
            values.error(node.get(), fields.path("link") + " '" + link.get().yamlName()
                    + "' needs client-shape: split (a single client has one connection)");
            return Optional.empty();
        }
        return link;
    }

    private Optional<String> named(YamlNode node, String path, List<String> declared, String what) {
        Optional<String> name = values.name(node, path);
        if (name.isPresent() && !declared.contains(name.get()) && !declared.isEmpty()) { // none: their error is reported
            values.error(node, path + ": no " + what + " '" + name.get() + "' is declared"
                    + ClosestName.hint(name.get(), declared));
            return Optional.empty();
        }
        return name;
    }
}
