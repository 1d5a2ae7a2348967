package dev.livetalk.scenarios;

import java.util.List;

/**
 * A chat room and the users who are members of it.
 *
 * <p>Immutable; any thread.
 */
public record Room(String name, List<String> members) {
    public Room {
        members = List.copyOf(members);
    }
}
