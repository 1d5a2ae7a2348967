package dev.livetalk.server;

import java.io.IOException;
import java.nio.file.Path;

/** The durable history cannot be opened, read or written; the message names the file and what is wrong. */
public final class HistoryStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    HistoryStoreException(Path file, String what, Throwable cause) {
        super((file == null ? "durable history: " : "durable history " + file + ": ") + what, cause);
    }

    HistoryStoreException(Path file, String what) {
        this(file, what, null);
    }
}
