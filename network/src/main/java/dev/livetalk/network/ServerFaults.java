package dev.livetalk.network;

import dev.livetalk.scenarios.fault.Fault;
import dev.livetalk.scenarios.fault.FaultWindow;
import dev.livetalk.scenarios.fault.PauseFault;
import dev.livetalk.scenarios.fault.RestartFault;
import dev.livetalk.scenarios.fault.SlowCommitFault;

import java.time.Duration;
import java.util.List;

/**
 * What a server fault does to the server process at its window's start and end, never a toxic:
 * {@code restart} kills it ({@code SIGKILL}), has its standby recover the history (or start
 * afresh) while the window lasts and, at the window's end, listen (with its durable history or
 * without); {@code pause} stops it ({@code SIGSTOP}) and lets it go on ({@code SIGCONT});
 * {@code slow-commit} sets the commit delay and lifts it. Stateless.
 */
final class ServerFaults {
    private ServerFaults() {
    }

    /** Whether any window of {@code windows} acts on the server, so the server must run as its own process. */
    static boolean anyIn(List<FaultWindow> windows) {
        return windows.stream().anyMatch(window -> window.kind().onServer());
    }

    /** Whether {@code windows} restart the server, so a standby server is kept ({@link ServerProcess}). */
    static boolean restartIn(List<FaultWindow> windows) {
        return windows.stream().anyMatch(window -> window.parameters() instanceof RestartFault);
    }

    /** Whether a restart of {@code windows} keeps the durable history, so the server must keep one. */
    static boolean durableIn(List<FaultWindow> windows) {
        return windows.stream().anyMatch(window -> window.parameters() instanceof RestartFault restart
                && restart.durable());
    }

    /** The window's start. */
    static void begin(ServerProcess server, Fault fault) {
        switch (fault) {
            case RestartFault restart -> {
                server.kill();
                server.recoverAhead(restart.durable());
            }
            case PauseFault pause -> server.pause();
            case SlowCommitFault slow -> server.slowCommits(slow.delay());
            default -> throw notOnServer(fault);
        }
    }

    /** The window's end. */
    static void end(ServerProcess server, Fault fault) {
        switch (fault) {
            case RestartFault restart -> server.start(restart.durable());
            case PauseFault pause -> server.resume();
            case SlowCommitFault slow -> server.slowCommits(Duration.ZERO);
            default -> throw notOnServer(fault);
        }
    }

    private static IllegalArgumentException notOnServer(Fault fault) {
        return new IllegalArgumentException("not a server fault: " + fault.kind() + " is played as a toxic");
    }
}
