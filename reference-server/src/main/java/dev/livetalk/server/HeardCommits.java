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
import java.util.Set;
import java.util.TreeSet;

/**
 * What the process that runs {@link ServerMain} heard of a durable server's commits before it
 * killed it: the epoch and, per room, the seq up to which it read the commit line of every one
 * (its head) and the seqs above it of which it read one too. Every line written before the kill is
 * read, so a durable start ({@code --heard FILE}) tells again only the recovered messages it does
 * not hold: those made durable just before the kill, whose lines died with it (none, mostly), not
 * the whole recovered history (up to 100,000 lines a restart in the soak). Seqs above the head
 * are heard when a durable start, which binds before it tells again what it recovered, commits
 * new messages before the told-again ones: killed then, the next start must tell again the gap
 * below them.
 *
 * <p>The file: {@code epoch <epoch>}, then a line {@code <head> <room>} per room (room names hold
 * no space), followed by {@code " <seq>,<seq>..."} when seqs above the head were heard. Written
 * whole or not at all ({@link #write}).
 *
 * <p>Immutable; any thread.
 *
 * @param epoch the epoch of the commits heard of, or {@code null} when nothing was heard
 * @param heads per room, the seq up to which every one of {@code epoch} was heard of (0: none)
 * @param above per room, the seqs above its head heard of too (rooms with none may be left out)
 */
public record HeardCommits(String epoch, Map<String, Long> heads, Map<String, Set<Long>> above) {
    /** Nothing heard: a start tells again every message it recovered. */
    public static final HeardCommits NONE = new HeardCommits(null, Map.of());
    private static final String EPOCH = "epoch ";

    public HeardCommits {
        heads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(heads));
        Map<String, Set<Long>> copied = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Long>> room : above.entrySet()) {
            long head = heads.getOrDefault(room.getKey(), 0L);
            if (room.getValue().stream().anyMatch(seq -> seq <= head)) {
                throw new IllegalArgumentException("the seqs heard above room \"" + room.getKey() + "\"'s head " + head
                        + " must be above it: " + room.getValue());
            }
            if (!room.getValue().isEmpty()) {
                copied.put(room.getKey(), java.util.Collections.unmodifiableSortedSet(new TreeSet<>(room.getValue())));
            }
        }
        above = java.util.Collections.unmodifiableMap(copied);
        if (epoch == null && !(heads.isEmpty() && above.isEmpty())) {
            throw new IllegalArgumentException("heads heard of need their epoch: " + heads + " " + above);
        }
    }

    /** Every seq of each room up to its head in {@code heads} heard of, none above. */
    public HeardCommits(String epoch, Map<String, Long> heads) {
        this(epoch, heads, Map.of());
    }

    /** Whether {@code message}, recovered from a history of {@code epoch}, was heard of. */
    public boolean heard(String epoch, Message message) {
        return epoch.equals(this.epoch) && (message.seq() <= heads.getOrDefault(message.room(), 0L)
                || above.getOrDefault(message.room(), Set.of()).contains(message.seq()));
    }

    /** Writes this to {@code file}, replacing it whole (a temporary file beside it, then an atomic move). */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(EPOCH + (epoch == null ? "" : epoch));
        heads.forEach((room, seq) -> lines.add(seq + " " + room + seqsAbove(room)));
        above.keySet().stream().filter(room -> !heads.containsKey(room))
                .forEach(room -> lines.add("0 " + room + seqsAbove(room)));
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.write(written, lines, StandardCharsets.UTF_8);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String seqsAbove(String room) {
        Set<Long> seqs = above.getOrDefault(room, Set.of());
        return seqs.isEmpty() ? "" : " " + String.join(",", seqs.stream().map(String::valueOf).toList());
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
        Map<String, Set<Long>> above = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ", -1);
            try {
                if ((parts.length == 2 || parts.length == 3) && !parts[1].isEmpty()
                        && heads.put(parts[1], Long.parseLong(parts[0])) == null) {
                    if (parts.length == 3) {
                        Set<Long> seqs = new TreeSet<>();
                        for (String seq : parts[2].split(",", -1)) {
                            seqs.add(Long.parseLong(seq));
                        }
                        above.put(parts[1], seqs);
                    }
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(file + ": a line after the epoch must be \"<head> <room>\" or"
                    + " \"<head> <room> <seq>,<seq>...\", each room once: \"" + line + "\"");
        }
        if (epoch.isEmpty()) {
            return NONE;
        }
        try {
            return new HeardCommits(epoch, heads, above);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
