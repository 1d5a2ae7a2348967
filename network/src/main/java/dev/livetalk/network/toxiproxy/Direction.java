package dev.livetalk.network.toxiproxy;

import eu.rekawek.toxiproxy.model.ToxicDirection;

/**
 * Which way through a proxy a toxic acts, named from the client's side as Toxiproxy does
 * ({@code stream/direction.go}).
 */
public enum Direction {
    /** Bytes from the client to the server. */
    UPSTREAM("up", ToxicDirection.UPSTREAM),
    /** Bytes from the server to the client. */
    DOWNSTREAM("down", ToxicDirection.DOWNSTREAM);

    private final String label;
    private final ToxicDirection toxiproxy;

    Direction(String label, ToxicDirection toxiproxy) {
        this.label = label;
        this.toxiproxy = toxiproxy;
    }

    /** The short name used in toxic names: {@code up} or {@code down}. */
    public String label() {
        return label;
    }

    ToxicDirection toxiproxy() {
        return toxiproxy;
    }
}
