package dev.livetalk.protocol;

/** One wire event: a JSON object with a {@code type} and the fields of its record. */
public sealed interface Event permits ClientEvent, ServerEvent {

    /** The value of the {@code type} field on the wire. */
    String type();
}
