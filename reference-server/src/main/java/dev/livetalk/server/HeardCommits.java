package dev.livetalk.server;

import dev.livetalk.protocol.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the process that runs {@link ServerMain} heard of a durable server's commits before it
 * killed it: the epoch and, per room, the highest seq of a commit line it read. The commit lines
 * of a room come in seq order, and every line written before the kill is read, so a durable start
 * ({@code --heard FILE}) tells again only the recovered messages above their room's head: those
 * made durable just before the kill, whose lines died with it (none, mostly), not the whole
 * recovered history (up to 100,000 lines a restart in the soak).
 *
 * <p>The file: {@code epoch <epoch>}, then a line {@code <seq> <room>} per room (room names hold no
 * space). Written whole or not at all ({@link #write}).
 *
 * <p>Immutable; any thread.
 *
 * @param epoch the epoch of the commits heard of, or {@code null} when nothing was heard
 * @param heads per room, the highest seq heard of in {@code epoch}
 */
public record HeardCommits(String epoch, Map<String, Long> heads) {
    /** Nothing heard: a start tells again every message it recovered. */
    public static final HeardCommits NONE = new HeardCommits(null, Map.of());
    private static final String EPOCH = "epoch ";

    public HeardCommits {
        heads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(heads));
        if (epoch == null && !heads.isEmpty()) {
            throw new IllegalArgumentException("heads heard of need their epoch: " + heads);
        }
    }

    /** Whether {@code message}, recovered from a history of {@code epoch}, was heard of. */
    public boolean heard(String epoch, Message message) {
        return epoch.equals(this.epoch) && message.seq() <= heads.getOrDefault(message.room(), 0L);
    }

    /** Writes this to {@code file}, replacing it whole (a temporary file beside it, then an atomic move). */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(EPOCH + (epoch == null ? "" : epoch));
        heads.forEach((room, seq) -> lines.add(seq + " " + room));
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.write(written, lines, StandardCharsets.UTF_8);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads {@code file}; {@link #NONE} when there is none (nothing was killed yet).
     *
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the line and the rule, when a line is not as {@link #write} writes it
     */
    public static HeardCommits read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NONE;
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(EPOCH)) {
            throw new IllegalArgumentException(file + " must begin with \"epoch <epoch>\": "
                    + (lines.isEmpty() ? "it is empty" : "\"" + lines.get(0) + "\""));
        }
        String epoch = lines.get(0).substring(EPOCH.length());
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ", -1);
            try {
                if (parts.length == 2 && !parts[1].isEmpty() && heads.put(parts[1], Long.parseLong(parts[0])) == null) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(file + ": a line after the epoch must be \"<seq> <room>\", each room"
                    + " once: \"" + line + "\"");
        }
        return epoch.isEmpty() ? NONE : new HeardCommits(epoch, heads);
    }
}
