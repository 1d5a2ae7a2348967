package dev.livetalk.network.toxiproxy;

import dev.livetalk.network.LinkId;
import eu.rekawek.toxiproxy.model.Toxic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fault that {@link ToxiproxyNetwork#apply} put on a set of proxies, to be passed back to
 * {@link ToxiproxyNetwork#remove}. Its public view ({@link #id()}, {@link #spec()},
 * {@link #links()}) is immutable; the toxics it created are guarded by the network's control lock.
 */
public final class AppliedFault {
    private final long id;
    private final ToxicSpec spec;
    private final Set<LinkId> links;
    private final Map<LinkId, List<Toxic>> toxics = new LinkedHashMap<>();

    AppliedFault(long id, ToxicSpec spec, Set<LinkId> links) {
        this.id = id;
        this.spec = spec;
        this.links = Set.copyOf(links);
    }

    /** The network's number for this fault, unique per network; part of its toxics' names. */
    public long id() {
        return id;
    }

    /** What was applied. */
    public ToxicSpec spec() {
        return spec;
    }

    /** The client connections it was applied to. */
    public Set<LinkId> links() {
        return links;
    }

    /** The name prefix of the toxics this fault creates, such as {@code f7-latency}. */
    String toxicName() {
        return "f" + id + "-" + spec.kind();
    }

    void added(LinkId link, List<Toxic> created) {
        toxics.put(link, new ArrayList<>(created));
    }

    Map<LinkId, List<Toxic>> toxics() {
        return toxics;
    }

    @Override
    public String toString() {
        return "fault " + id + " (" + spec + ") on " + links.size() + " link(s)";
    }
}
