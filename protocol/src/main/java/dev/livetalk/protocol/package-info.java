/**
 * The wire contract between LiveTalk clients and servers: JSON text frames, one event per
 * frame, each a record inside the sealed {@link dev.livetalk.protocol.Event} hierarchy,
 * read and written by the strict {@link dev.livetalk.protocol.EventCodec}.
 *
 * <p>Every type here is immutable and safe to share between threads. The codec never
 * throws on bad input: it returns {@link dev.livetalk.protocol.Decoded.Rejected} with a
 * stable {@link dev.livetalk.protocol.ErrorCode} and a message that names the field and
 * the rule. See {@code docs/PROTOCOL.md} for frames and error codes.
 *
 * <p>It also holds the vocabulary every layer shares: {@link dev.livetalk.protocol.LinkRole}
 * (what a connection of a client is for) and {@link dev.livetalk.protocol.Direction} (which way
 * traffic travels), used by scenarios, both backends and the client.
 */
package dev.livetalk.protocol;
