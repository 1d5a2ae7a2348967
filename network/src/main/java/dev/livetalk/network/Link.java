package dev.livetalk.network;

/**
 * Which of a client's connections a proxy carries: the one connection of a single-connection
 * client, or one half of a split send/receive pair.
 */
public enum Link {
    /** The only connection of a single-connection client, carrying both directions. */
    MAIN("main"),
    /** The connection a split client sends on. */
    SEND("send"),
    /** The connection a split client receives on. */
    RECV("recv");

    private final String label;

    Link(String label) {
        this.label = label;
    }

    /** The short name used in proxy names: {@code main}, {@code send} or {@code recv}. */
    public String label() {
        return label;
    }
}
