package dev.livetalk.network.toxiproxy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a separate JVM by {@link ToxiproxyInstallerTest}, as another process installing into the
 * same tools folder: locks the file it is given, prints {@link #LOCKED} and holds the lock until its
 * stdin ends.
 */
final class InstallLockHolderMain {
    static final String LOCKED = "locked";

    private InstallLockHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            System.out.println(LOCKED);
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the lock until the test closes stdin
            }
            lock.release();
        }
    }
}
