package dev.livetalk.protocol;

import java.util.Map;

/**
 * The server's answer to a good {@link Hello}.
 *
 * @param session the server's id for this connection
 * @param epoch   the server's history epoch; it changes when history is lost
 * @param rooms   each room the connection is now a member of, with its head seq
 * @param resume  for each room the hello asked to resume, what the server did
 */
public record Welcome(String session, String epoch, Map<String, Long> rooms, Map<String, ResumeStatus> resume)
        implements ServerEvent {
    public Welcome {
        Names.id("session", session);
        Names.id("epoch", epoch);
        rooms = SeqMaps.copy("rooms", rooms);
        resume = SeqMaps.copyOf("resume", resume);
    }

    @Override
    public String type() {
        return "welcome";
    }
}
