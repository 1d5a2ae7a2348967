package dev.livetalk.metrics.results;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A layer of the path a message takes through the harness, as {@code livetalk calibrate}
 * measures it: each adds one part of the harness to the one before. In every layer one client
 * sends and the other client's arrival is timed, over loopback, from the intended send time.
 */
public enum HarnessLayer {
    /** A bare Tyrus endpoint that sends every text frame back out to every open session; no protocol code. */
    @JsonProperty("bare-echo") BARE_ECHO("bare-echo", "bare Tyrus echo"),
    /** The bare echo, each client through its own untoxic Toxiproxy proxy. */
    @JsonProperty("bare-echo-toxiproxy") BARE_ECHO_TOXIPROXY("bare-echo-toxiproxy", "bare echo through Toxiproxy"),
    /** The reference server, client sessions with a strategy and the protocol codec: peer-first latency. */
    @JsonProperty("full-stack") FULL_STACK("full-stack", "full stack, peer-first"),
    /** The full stack, each client through its own untoxic Toxiproxy proxy, as a run plays it. */
    @JsonProperty("full-stack-toxiproxy") FULL_STACK_TOXIPROXY("full-stack-toxiproxy",
            "full stack through Toxiproxy, peer-first");

    private final String label;
    private final String description;

    HarnessLayer(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name in {@code results.json} and on the console ({@code full-stack-toxiproxy}). */
    public String label() {
        return label;
    }

    /** A few words for reports. */
    public String description() {
        return description;
    }

    /** Whether the layer's clients reach the server through Toxiproxy. */
    public boolean throughToxiproxy() {
        return this == BARE_ECHO_TOXIPROXY || this == FULL_STACK_TOXIPROXY;
    }
}
