package dev.livetalk.protocol;

/** What a {@link Read} or {@link Receipt} marker means. */
public enum ReceiptKind {
    /** The client received every message up to the seq. */
    DELIVERED("delivered"),
    /** The user saw every message up to the seq. */
    READ("read");

    private final String wireName;

    ReceiptKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The kind with that wire name, or {@code null}. */
    public static ReceiptKind fromWireName(String name) {
        for (ReceiptKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
