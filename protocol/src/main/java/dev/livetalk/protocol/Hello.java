package dev.livetalk.protocol;

import java.util.Map;

/**
 * First event of every connection: who the user is, the token that proves it, the protocol
 * version, and optionally where to resume each room from.
 *
 * @param user    the user id
 * @param token   lowercase hex HMAC-SHA256 of the user id, keyed with the server secret
 * @param version the protocol version the client speaks; any integer decodes, so that a
 *                server can answer one it does not speak with unsupported-version
 * @param epoch   the server epoch the resume positions belong to, or {@code null}
 * @param resume  room to the highest seq the client already has (0 for none); empty for none
 */
public record Hello(String user, String token, int version, String epoch, Map<String, Long> resume)
        implements ClientEvent {
    public Hello {
        Names.user("user", user);
        Names.id("token", token);
        Names.optionalId("epoch", epoch);
        resume = SeqMaps.copy("resume", resume);
    }

    /** A hello without resume positions. */
    public Hello(String user, String token, int version) {
        this(user, token, version, null, Map.of());
    }

    @Override
    public String type() {
        return "hello";
    }
}
