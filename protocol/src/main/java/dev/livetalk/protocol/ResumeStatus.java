package dev.livetalk.protocol;

/** What the server did with one room's resume position in a {@link Hello}. */
public enum ResumeStatus {
    /** Missed messages follow, then live traffic, without gap or duplicate. */
    RESUMED("resumed"),
    /** The server's epoch differs from the client's: its history was lost; refetch state. */
    EPOCH_CHANGED("epoch-changed"),
    /** The server no longer holds the messages after the position: bounded history. */
    HISTORY_TRUNCATED("history-truncated"),
    /** The room is private and the user is not on its allow-list. */
    FORBIDDEN("forbidden");

    private final String wireName;

    ResumeStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The status with that wire name, or {@code null}. */
    public static ResumeStatus fromWireName(String name) {
        for (ResumeStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        return null;
    }
}
