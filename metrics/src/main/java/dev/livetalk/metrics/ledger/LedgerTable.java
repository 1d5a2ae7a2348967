package dev.livetalk.metrics.ledger;

/**
 * The tables of a ledger, one gzip-compressed JSON Lines file each (docs/LEDGER.md).
 *
 * <p>Immutable; any thread.
 */
public enum LedgerTable {
    /** One row per intended message (and per commit the server made of nothing the load sent). */
    MESSAGES("messages", MessageRow.class),
    /** One row per (message, recipient): every other member entitled to it. */
    DELIVERIES("deliveries", DeliveryRow.class),
    /** One row per (client, room): the final transcript and when it was a correct prefix. */
    TRANSCRIPTS("transcripts", TranscriptRow.class),
    /** One row per delivered or read marker: the user's decision to read and every marker put on the wire. */
    MARKERS("markers", MarkerRow.class),
    /** One row per receipt a client received. */
    RECEIPTS("receipts", ReceiptRow.class),
    /** One row per fault window. */
    FAULTS("faults", FaultRow.class),
    /** One row per welcome a client received (every connection and reconnection); absent from older ledgers. */
    WELCOMES("welcomes", WelcomeRow.class),
    /** One row per batch of messages a client received again from history; absent from older ledgers. */
    REFETCHES("refetches", RefetchRow.class),
    /** One row per connection attempt of a client that ended, opened or failed; absent from older ledgers. */
    CONNECTS("connects", ConnectRow.class);

    private final String fileStem;
    private final Class<?> rowType;

    LedgerTable(String fileStem, Class<?> rowType) {
        this.fileStem = fileStem;
        this.rowType = rowType;
    }

    /** The file's name in a ledger folder: {@code messages.jsonl.gz}. */
    public String fileName() {
        return fileStem + ".jsonl.gz";
    }

    /** The table's name as the docs and the schema's {@code $defs} give it. */
    public String tableName() {
        return fileStem;
    }

    Class<?> rowType() {
        return rowType;
    }

    /** Whether ledgers written before the table existed lack it (read as empty). */
    boolean addedLater() {
        return this == WELCOMES || this == REFETCHES || this == CONNECTS;
    }
}
