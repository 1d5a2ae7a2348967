package dev.livetalk.bench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything starts, that a command can write where it was told to: the folder
 * exists or can be created, and a file can be made in it.
 */
final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * {@code folder}, created if missing, once a file was written into it and removed.
     *
     * @param option the option that named it, for the message ({@code --out})
     * @throws UsageException naming the option, the folder and why it cannot be written
     */
    static Path writable(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException(option + " must name a folder to write into, but " + folder + " is a file");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageException(option + " must name a folder that exists or can be created: " + folder
                    + " cannot be created (" + reason(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".livetalk-write-check-", ".tmp"));
        } catch (IOException e) {
            throw new UsageException(option + " must name a writable folder: nothing can be written into " + folder
                    + " (" + reason(e) + ")");
        }
        return folder;
    }

    /**
     * A file that is to be written later: its folder must be {@link #writable}, and the file
     * itself, if it exists, a writable regular file.
     */
    static Path writableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " must name a file to write, but " + file + " is a folder");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            writable(option + " " + file + ": its folder", parent);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UsageException(option + " must name a writable file: " + file + " cannot be written");
        }
        return file;
    }

    /** Why an I/O operation failed, in a few words. */
    static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                : e instanceof java.nio.file.NotDirectoryException ? "not a folder"
                : e instanceof java.nio.file.FileAlreadyExistsException f ? "a file is in the way: " + f.getFile()
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e instanceof FileSystemException ? e.getClass().getSimpleName()
                : String.valueOf(e.getMessage());
    }
}
