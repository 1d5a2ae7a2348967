package dev.livetalk.network;

import dev.livetalk.network.toxiproxy.ToxicSpec;
import dev.livetalk.protocol.Direction;
import dev.livetalk.protocol.LinkRole;
import dev.livetalk.run.ClientLayout;
import dev.livetalk.scenarios.fault.BandwidthFault;
import dev.livetalk.scenarios.fault.DownFault;
import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.LatencyFault;
import dev.livetalk.scenarios.fault.LimitDataFault;
import dev.livetalk.scenarios.fault.ResetPeerFault;
import dev.livetalk.scenarios.fault.SlicerFault;
import dev.livetalk.scenarios.fault.SlowCloseFault;
import dev.livetalk.scenarios.fault.StallFault;
import dev.livetalk.scenarios.fault.TimeoutFault;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a resolved fault window into the toxics Toxiproxy plays and the proxies they go on:
 * the links are the layout's ({@link ClientLayout#targets}), one proxy each; a direction of
 * {@code both} is two toxics, one each way. Stateless.
 */
final class FaultTranslation {
    private FaultTranslation() {
    }

    /** One toxic on a set of proxies. */
    record Placement(ToxicSpec spec, Set<LinkId> links) {
    }

    /** @throws IllegalArgumentException for a server fault, which is played on the server process ({@link ServerFaults}) */
    static List<Placement> of(FaultWindow window, ClientLayout layout) {
        if (window.kind().onServer()) {
            throw new IllegalArgumentException("fault " + window.fault() + " (" + window.kind().yamlName()
                    + ") acts on the server process, never as a toxic");
        }
        Set<LinkId> links = new LinkedHashSet<>();
        for (Map.Entry<ClientLayout.Client, List<LinkRole>> target : layout.targets(window).entrySet()) {
            target.getValue().forEach(role -> links.add(new LinkId(target.getKey().index(), role)));
        }
        List<Placement> placements = new ArrayList<>();
        for (ToxicSpec spec : specs(window.parameters(), window.direction().directions())) {
            placements.add(new Placement(spec, links));
        }
        return placements;
    }

    private static List<ToxicSpec> specs(Fault fault, List<Direction> directions) {
        if (fault instanceof DownFault) {
            return List.of(new ToxicSpec.Down());
        }
        if (fault instanceof StallFault) {
            return List.of(new ToxicSpec.Stall());
        }
        List<ToxicSpec> specs = new ArrayList<>();
        for (Direction direction : directions) {
            specs.add(switch (fault) {
                case LatencyFault f -> new ToxicSpec.Latency(f.latency(), f.jitter(), direction);
                case BandwidthFault f -> new ToxicSpec.Bandwidth(f.rateKbPerSecond(), direction);
                case SlowCloseFault f -> new ToxicSpec.SlowClose(f.delay(), direction);
                case TimeoutFault f -> new ToxicSpec.Timeout(f.timeout(), direction);
                case ResetPeerFault f -> new ToxicSpec.ResetPeer(f.timeout(), direction);
                case SlicerFault f -> new ToxicSpec.Slicer(f.averageSize(), f.sizeVariation(), f.delay(), direction);
                case LimitDataFault f -> new ToxicSpec.LimitData(f.bytes(), direction);
                default -> throw new IllegalArgumentException(
                        "Toxiproxy cannot play " + fault.kind() + " (validation should have refused it)");
            });
        }
        return specs;
    }
}
