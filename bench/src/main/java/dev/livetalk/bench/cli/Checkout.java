package dev.livetalk.bench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The git commit of the tool's checkout, read from its {@code .git} without running git
 * ({@code HEAD}, loose refs, {@code packed-refs}; a worktree's {@code .git} file and its
 * {@code commondir}), and whether it has uncommitted changes, which needs git itself
 * ({@code git diff --quiet HEAD}, run with a deadline when {@code git} is on the path). Nothing here fails: what cannot be
 * read is unknown.
 *
 * <p>Stateless; any thread.
 */
final class Checkout {
    /** How long {@code git status} may take before the dirty flag is unknown. */
    static final long GIT_STATUS_SECONDS = 5;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private Checkout() {
    }

    /** The commit checked out in the checkout {@code root} is in (as git finds it: {@code .git} here or above), if it can be read. */
    static Optional<String> commit(Path root) {
        try {
            Optional<Path> gitDir = gitDir(root);
            if (gitDir.isEmpty()) {
                return Optional.empty();
            }
            String head = read(gitDir.get().resolve("HEAD"));
            if (COMMIT.matcher(head).matches()) {
                return Optional.of(head); // a detached head
            }
            if (!head.startsWith("ref: ")) {
                return Optional.empty();
            }
            String ref = head.substring("ref: ".length()).trim();
            Path common = commonDir(gitDir.get());
            for (Path dir : List.of(gitDir.get(), common)) {
                Path loose = dir.resolve(ref);
                if (Files.isRegularFile(loose)) {
                    String id = read(loose);
                    return COMMIT.matcher(id).matches() ? Optional.of(id) : Optional.empty();
                }
            }
            return packed(common.resolve("packed-refs"), ref);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether tracked files of the checkout in {@code root} differ from its commit
     * ({@code git diff --quiet HEAD}: exit 0 clean, 1 dirty); empty when git is not there, fails
     * or takes more than {@value #GIT_STATUS_SECONDS} s.
     */
    static Optional<Boolean> dirty(Path root) {
        if (commit(root).isEmpty()) {
            return Optional.empty();
        }
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", root.toAbsolutePath().toString(), "diff", "--quiet", "HEAD", "--")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return Optional.empty(); // no git on the path
        }
        try {
            git.getOutputStream().close();
            if (!git.waitFor(GIT_STATUS_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            return switch (git.exitValue()) {
                case 0 -> Optional.of(false);
                case 1 -> Optional.of(true);
                default -> Optional.empty();
            };
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            git.destroyForcibly();
        }
    }

    /** The git dir of the checkout {@code root} is in: its {@code .git}, or that of the nearest folder above with one. */
    private static Optional<Path> gitDir(Path root) throws IOException {
        for (Path dir = root.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(dotGit);
            }
            if (Files.isRegularFile(dotGit)) { // a worktree or submodule: "gitdir: PATH"
                String line = read(dotGit);
                if (!line.startsWith("gitdir: ")) {
                    return Optional.empty();
                }
                Path linked = Path.of(line.substring("gitdir: ".length()).trim());
                return Optional.of(linked.isAbsolute() ? linked : dir.resolve(linked).normalize());
            }
        }
        return Optional.empty();
    }

    /** Where the shared refs are: {@code commondir} of a worktree's git dir, else the git dir. */
    private static Path commonDir(Path gitDir) throws IOException {
        Path file = gitDir.resolve("commondir");
        if (!Files.isRegularFile(file)) {
            return gitDir;
        }
        Path common = Path.of(read(file));
        return common.isAbsolute() ? common : gitDir.resolve(common).normalize();
    }

    private static Optional<String> packed(Path packedRefs, String ref) throws IOException {
        if (!Files.isRegularFile(packedRefs)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(packedRefs, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ", 2);
            if (parts.length == 2 && parts[1].equals(ref) && COMMIT.matcher(parts[0]).matches()) {
                return Optional.of(parts[0]);
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
}
