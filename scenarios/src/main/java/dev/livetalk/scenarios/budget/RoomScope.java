package dev.livetalk.scenarios.budget;

import java.util.Objects;

/**
 * Which rooms (conversations) a budget looks at: the strategy's figures summed over every room
 * ({@link Summed}, no {@code in} clause), one room's own figures ({@code in room-3}), or each
 * room's separately ({@code in every room}: every room must keep the budget on its own).
 *
 * <p>Immutable; any thread.
 */
public sealed interface RoomScope {

    /** The strategy's figures, summed over rooms: a budget without {@code in}. */
    record Summed() implements RoomScope {
    }

    /** One room's figures: {@code in NAME}. */
    record Named(String room) implements RoomScope {
        public Named {
            Objects.requireNonNull(room, "room");
        }
    }

    /** Each room's figures separately: {@code in every room}; the verdict names the worst room. */
    record Each() implements RoomScope {
    }
}
