package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a durable server keeps its history: the epoch, chosen once and kept, and every
 * committed message. {@link ReferenceServer}'s committer thread is its only caller after
 * start-up: one thread at a time, never concurrently.
 */
interface HistoryStore extends AutoCloseable {

    /** The file the history lives in, for messages that name it. */
    Path file();

    /** The epoch this history belongs to. */
    String epoch();

    /**
     * Each room's last {@code historyLimit} messages, in seq order, with the epoch: what a
     * server restarting from this store takes up.
     *
     * @throws HistoryStoreException when the stored data cannot be read or is inconsistent
     */
    ServerHistory recover(int historyLimit) throws HistoryStoreException;

    /**
     * Writes {@code messages} in one transaction and returns once it is durable (synced as
     * the store's policy says). All or nothing.
     *
     * @throws HistoryStoreException when the write or the sync failed: nothing of it may be
     *                               acknowledged
     */
    void append(List<Message> messages) throws HistoryStoreException;

    @Override
    void close() throws HistoryStoreException;
}
