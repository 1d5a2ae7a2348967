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
     * {@code folder}, once it is known to be writable: an existing folder a file can be written
     * into, or a path whose nearest existing ancestor is such a folder (the command creates the
     * rest when it writes). Leaves nothing behind but a removed probe file.
     *
     * @param option the option that named it, for the message ({@code --out})
     * @throws UsageException naming the option, the folder and why it cannot be written
     */
    static Path writable(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException(option + " must name a folder to write into, but " + folder + " is a file");
        }
        Path existing = folder.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return folder;
        }
        if (!Files.isDirectory(existing)) {
            throw new UsageException(option + " must name a folder that exists or can be created: " + folder
                    + " cannot be created (" + existing + " is a file)");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".livetalk-write-check-", ".tmp"));
        } catch (IOException e) {
            throw new UsageException(option + " must name a writable folder: nothing can be written into " + existing
                    + " (" + reason(e) + ")");
        }
        return folder;
    }

    /**
     * A file that is to be written later: its folder, or the nearest ancestor that exists, can be
     * written into, and the file itself, if it exists, is a writable regular file. Leaves nothing
     * behind.
     *
     * @throws UsageException naming the option, the file and why it cannot be written
     */
    static Path writableFile(String option, Path file) {
        String refused = option + " " + file + " cannot be written: ";
        if (Files.isDirectory(file)) {
            throw new UsageException(refused + "it is a folder");
        }
        Path existing = file.toAbsolutePath().normalize().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            if (!Files.isDirectory(existing)) {
                throw new UsageException(refused + existing + " is a file, not a folder");
            }
            try {
                Files.delete(Files.createTempFile(existing, ".livetalk-write-check-", ".tmp"));
            } catch (IOException e) {
                throw new UsageException(refused + "nothing can be written into " + existing + " (" + reason(e) + ")");
            }
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UsageException(refused + "permission denied");
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
