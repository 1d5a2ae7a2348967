package dev.livetalk.network;

import dev.livetalk.client.tyrus.ClientDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several client drivers, each with its own owner thread, so that a run with many clients
 * does not queue every client behind one thread: client {@code i} lives on driver
 * {@code i % size}. Closes them all.
 *
 * <p>Threads: created and closed by the thread that opens and closes a {@link ToxiproxyStage}; see
 * {@link ClientDriver}.
 */
final class ClientDrivers implements AutoCloseable {
    private final List<ClientDriver> drivers = new ArrayList<>();

    ClientDrivers(int count, Duration connectTimeout, Consumer<Throwable> onFailure) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        for (int i = 0; i < count; i++) {
            drivers.add(new ClientDriver(connectTimeout, onFailure));
        }
    }

    /** One driver per available core, at least 1, at most 4. */
    static int defaultCount() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    int size() {
        return drivers.size();
    }

    /** Driver {@code driver}, from 0. */
    ClientDriver get(int driver) {
        return drivers.get(driver);
    }

    long transportErrors() {
        return drivers.stream().mapToLong(ClientDriver::transportErrors).sum();
    }

    @Override
    public void close() {
        drivers.forEach(ClientDriver::close);
    }
}
