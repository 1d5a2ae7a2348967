package dev.livetalk.protocol;

/** An event the server sends to a client. */
public sealed interface ServerEvent extends Event
        permits Welcome, Joined, Ack, Message, HistoryReply, Receipt, Ping, Pong, ErrorEvent {
}
