package dev.livetalk.network.toxiproxy;

import dev.livetalk.protocol.Direction;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;

import java.io.IOException;
import java.util.List;

/**
 * Turns a {@link ToxicSpec} into toxiproxy-java calls on one proxy's toxics. Stateless; runs
 * on a {@link ToxiproxyCalls} thread, for a caller holding the {@link ToxiproxyNetwork}'s control lock.
 */
final class ToxicCommands {
    private ToxicCommands() {
    }

    /** Adds the toxics for {@code spec} (every kind but {@link ToxicSpec.Down}) named after {@code name}. */
    static List<Toxic> add(ToxicList toxics, String name, ToxicSpec spec) throws IOException {
        return switch (spec) {
            case ToxicSpec.Latency l -> {
                var toxic = toxics.latency(named(name, l.direction()), toxiproxy(l.direction()), l.latency().toMillis());
                if (!l.jitter().isZero()) {
                    toxic.setJitter(l.jitter().toMillis());
                }
                yield List.of(toxic);
            }
            case ToxicSpec.Bandwidth b -> List.of(
                    toxics.bandwidth(named(name, b.direction()), toxiproxy(b.direction()), b.rateKilobytesPerSecond()));
            case ToxicSpec.SlowClose s -> List.of(
                    toxics.slowClose(named(name, s.direction()), toxiproxy(s.direction()), s.delay().toMillis()));
            case ToxicSpec.Timeout t -> List.of(
                    toxics.timeout(named(name, t.direction()), toxiproxy(t.direction()), t.timeout().toMillis()));
            case ToxicSpec.ResetPeer r -> List.of(
                    toxics.resetPeer(named(name, r.direction()), toxiproxy(r.direction()), r.timeout().toMillis()));
            case ToxicSpec.Slicer s -> List.of(toxics.slicer(named(name, s.direction()), toxiproxy(s.direction()),
                    s.averageSizeBytes(), s.delay().toNanos() / 1_000) // Toxiproxy's slicer delay is in microseconds
                    .setSizeVariation(s.sizeVariationBytes()));
            case ToxicSpec.LimitData d -> List.of(
                    toxics.limitData(named(name, d.direction()), toxiproxy(d.direction()), d.bytes()));
            case ToxicSpec.Stall stall -> stall(toxics, name);
            case ToxicSpec.Down down -> throw new IllegalArgumentException("down is no toxic: the proxy is disabled instead");
        };
    }

    /** Bandwidth 0 both ways; if the second toxic fails, the first is taken off again. */
    private static List<Toxic> stall(ToxicList toxics, String name) throws IOException {
        Toxic up = toxics.bandwidth(named(name, Direction.UPSTREAM), toxiproxy(Direction.UPSTREAM), 0);
        try {
            return List.of(up, toxics.bandwidth(named(name, Direction.DOWNSTREAM), toxiproxy(Direction.DOWNSTREAM), 0));
        } catch (IOException e) {
            up.remove();
            throw e;
        }
    }

    private static String named(String name, Direction direction) {
        return name + "-" + direction.label();
    }

    private static ToxicDirection toxiproxy(Direction direction) {
        return switch (direction) {
            case UPSTREAM -> ToxicDirection.UPSTREAM;
            case DOWNSTREAM -> ToxicDirection.DOWNSTREAM;
        };
    }
}
