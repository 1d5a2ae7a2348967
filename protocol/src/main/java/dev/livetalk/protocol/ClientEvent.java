package dev.livetalk.protocol;

/** An event a client sends to the server. */
public sealed interface ClientEvent extends Event
        permits Hello, Join, Leave, Send, HistoryRequest, Read, Ping, Pong {
}
