package dev.livetalk.scenarios;

import dev.livetalk.protocol.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code users} (a list of names, or {@code {count, prefix}}) and {@code rooms} (a list
 * of {@code {name, members}} with members a list or {@code all}, or {@code {count, prefix}}
 * spreading the users round-robin), checking names are unique and members declared.
 *
 * <p>Not thread-safe: one validation on one thread.
 */
final class MembershipBinder {
    private static final List<String> GENERATOR_KEYS = List.of("count", "prefix");
    private static final List<String> ROOM_KEYS = List.of("name", "members");
    private static final int MAX_GENERATED = 100_000;

    private final Values values;

    MembershipBinder(Values values) {
        this.values = values;
    }

    List<String> users(YamlNode node, Diagnostics diagnostics) {
        if (node instanceof YamlNode.Mapping m) {
            return generated(new Fields(m, "users", GENERATOR_KEYS, diagnostics), "user");
        }
        List<String> users = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        List<YamlNode> items = values.list(node, "users").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            values.name(item, "users[" + i + "]", Names.MAX_NAME_LENGTH, Scenario.MEMBER_NAME_LIMIT).ifPresent(name -> {
                YamlNode first = seen.putIfAbsent(name, item);
                if (first != null) {
                    values.error(item, "duplicate user '" + name + "' (first at " + first.mark().line() + ":" + first.mark().column()
                            + "; user names are unique)");
                } else {
                    users.add(name);
                }
            });
        }
        if (items.isEmpty() && node instanceof YamlNode.Sequence) {
            values.error(node, "users must name at least one user");
        }
        return users;
    }

    List<Room> rooms(YamlNode node, List<String> users, Diagnostics diagnostics) {
        if (node instanceof YamlNode.Mapping m) {
            List<String> names = generated(new Fields(m, "rooms", GENERATOR_KEYS, diagnostics), "room");
            if (names.size() > users.size() && !users.isEmpty()) { // no users: their error is already reported
                values.error(m, "rooms.count must be <= the number of users (" + users.size()
                        + ") so that every room has a member: " + names.size());
                return List.of();
            }
            return spread(names, users);
        }
        List<Room> rooms = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        List<YamlNode> items = values.list(node, "rooms").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = "rooms[" + i + "]";
            values.mapping(item, path).flatMap(m -> room(new Fields(m, path, ROOM_KEYS, diagnostics), path, users))
                    .ifPresent(room -> {
                        YamlNode first = seen.putIfAbsent(room.name(), item);
                        if (first != null) {
                            values.error(item, "duplicate room '" + room.name() + "' (first at "
                                    + first.mark().line() + ":" + first.mark().column() + "; room names are unique)");
                        } else {
                            rooms.add(room);
                        }
                    });
        }
        if (items.isEmpty() && node instanceof YamlNode.Sequence) {
            values.error(node, "rooms must declare at least one room");
        }
        return rooms;
    }

    private Optional<Room> room(Fields fields, String path, List<String> users) {
        Optional<String> name = fields.required("name", "every room has a name")
                .flatMap(n -> values.name(n, fields.path("name"), Names.MAX_NAME_LENGTH, Scenario.MEMBER_NAME_LIMIT));
        Optional<List<String>> members = fields.required("members", "a list of user names, or all")
                .flatMap(m -> members(m, fields.path("members"), users));
        return name.isPresent() && members.isPresent()
                ? Optional.of(new Room(name.get(), members.get())) : Optional.empty();
    }

    private Optional<List<String>> members(YamlNode node, String path, List<String> users) {
        if (node instanceof YamlNode.Scalar s && "all".equals(s.text())) {
            return Optional.of(users);
        }
        List<YamlNode> items = values.list(node, path).orElse(null);
        if (items == null) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            values.error(node, path + " must name at least one member");
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            ok &= member(items.get(i), path + "[" + i + "]", users, members);
        }
        return ok ? Optional.of(members) : Optional.empty();
    }

    private boolean member(YamlNode item, String path, List<String> users, List<String> members) {
        Optional<String> name = values.name(item, path);
        if (name.isEmpty()) {
            return false;
        }
        if (!users.contains(name.get()) && !users.isEmpty()) { // no users: their error is already reported
            values.error(item, path + ": '" + name.get() + "' is not a declared user"
                    + ClosestName.hint(name.get(), users) + " (members must be listed under users)");
            return false;
        }
        if (members.contains(name.get())) {
            values.error(item, path + ": '" + name.get() + "' is listed twice in this room");
            return false;
        }
        members.add(name.get());
        return true;
    }

    private List<String> generated(Fields fields, String defaultPrefix) {
        Optional<Long> given = fields.required("count", "how many to generate")
                .flatMap(c -> values.integer(c, fields.path("count")));
        if (given.isPresent() && (given.get() < 1 || given.get() > MAX_GENERATED)) {
            values.error(fields.optional("count").orElseThrow(),
                    fields.path("count") + " must be within 1.." + MAX_GENERATED + ": " + given.get());
            given = Optional.empty();
        }
        int width = given.map(c -> Long.toString(c).length()).orElse(1);
        Optional<String> prefix = fields.optional("prefix")
                .map(p -> values.name(p, fields.path("prefix"), Names.MAX_NAME_LENGTH - width,
                        "with the " + width + " digits of count after it, a name of at most " + Names.MAX_NAME_LENGTH
                                + ": " + Scenario.MEMBER_NAME_LIMIT))
                .orElse(Optional.of(defaultPrefix));
        if (given.isEmpty() || prefix.isEmpty()) {
            return List.of(); // reported
        }
        long count = given.get();
        List<String> names = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            names.add(prefix.get() + String.format(Locale.ROOT, "%0" + width + "d", i));
        }
        return names;
    }

    private static List<Room> spread(List<String> roomNames, List<String> users) {
        List<List<String>> members = new ArrayList<>();
        roomNames.forEach(r -> members.add(new ArrayList<>()));
        for (int i = 0; i < users.size() && !roomNames.isEmpty(); i++) {
            members.get(i % roomNames.size()).add(users.get(i));
        }
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < roomNames.size(); i++) {
            if (!members.get(i).isEmpty()) {
                rooms.add(new Room(roomNames.get(i), members.get(i)));
            }
        }
        return rooms;
    }
}
