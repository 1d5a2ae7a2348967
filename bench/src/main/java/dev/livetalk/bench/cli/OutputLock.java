package dev.livetalk.bench.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's or a report's hold on its output folder for as long as it writes: an exclusive lock on
 * {@link #FILE} in the folder ({@link FileChannel#tryLock()}, an advisory lock of the operating
 * system, released when the command ends or its process dies), so that a second run or report
 * into the same folder is refused at once rather than mixing its files with the first one's.
 * The file stays behind, empty; it is the lock, not its existence, that says the folder is held.
 * It is not deleted when the lock is let go: a command that had opened it just before would then
 * lock a file no longer in the folder while a third one created and locked a new one, and both
 * would write into the folder at once.
 */
final class OutputLock implements AutoCloseable {
    /** The lock file in the output folder. */
    static final String FILE = ".livetalk.lock";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /** The folder held. */
    Path folder() {
        return folder;
    }

    /**
     * Creates {@code folder} if missing and locks it.
     *
     * @param option the option that named the folder, for the message ({@code --out})
     * @throws UsageException (exit 2) when another run or report holds the folder, naming it
     * @throws IOException    when the folder or its lock file cannot be made
     */
    static OutputLock take(String option, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by another command in this JVM
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new UsageException(option + " " + folder + " is in use: another livetalk run or report is writing"
                    + " into it (it holds " + file.toAbsolutePath().normalize() + "); give another " + option
                    + " or wait until it ends");
        }
        return new OutputLock(folder, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
