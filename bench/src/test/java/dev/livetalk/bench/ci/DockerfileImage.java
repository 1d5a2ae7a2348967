package dev.livetalk.bench.ci;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * What a test can read and reproduce of a Dockerfile without a Docker engine: its stages and
 * instructions, and the final stage's file system as far as it is copied from the build
 * context or from a stage that copies the whole context ({@code COPY . .}) and builds in it,
 * which here is the project folder after its Maven build. Files a stage makes itself (a
 * {@code go install}) cannot be reproduced; {@link #assemble} lists them. Understands the
 * instructions examples/sharding/image/Dockerfile uses: ARG, FROM ... AS, WORKDIR, ENV K=V,
 * COPY [--from=STAGE] SRC... DEST, RUN, USER, ENTRYPOINT and CMD in JSON form.
 */
final class DockerfileImage {
    record Instruction(int line, String keyword, String arguments) {
    }

    record Stage(String name, String base, List<Instruction> instructions) {
        Optional<Instruction> first(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).findFirst();
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }
    }

    /** A COPY of the final stage that only an image build makes: its source stage builds the file itself. */
    record Unreproduced(Instruction copy, String stage, String source, String destination) {
    }

    /**
     * The final stage laid out under a folder.
     *
     * @param root        the folder standing for the image's {@code /}
     * @param env         the final stage's ENV, absolute paths moved under {@code root}
     * @param workdir     its WORKDIR, under {@code root}
     * @param entrypoint  its ENTRYPOINT
     * @param unreproduced the copies left out
     */
    record Layout(Path root, Map<String, String> env, Path workdir, List<String> entrypoint, List<Unreproduced> unreproduced) {
        Path path(String imagePath) {
            return root.resolve(imagePath.replaceFirst("^/+", ""));
        }
    }

    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    final Map<String, String> args;
    final List<Stage> stages;

    private DockerfileImage(Map<String, String> args, List<Stage> stages) {
        this.args = args;
        this.stages = stages;
    }

    static DockerfileImage parse(Path file) throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (logical.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (logical.isEmpty()) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String text = logical.toString().strip();
            logical.setLength(0);
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(start, parts[0].toUpperCase(Locale.ROOT),
                    parts.length > 1 ? parts[1].strip() : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(name, from[0], new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (!instruction.keyword().equals("ARG")) {
                    fail(file + ":" + start + ": " + instruction.keyword() + " before the first FROM");
                }
                String[] arg = instruction.arguments().split("=", 2);
                args.put(arg[0], arg.length > 1 ? arg[1] : "");
            } else {
                stages.getLast().instructions().add(instruction);
            }
        }
        if (stages.isEmpty()) {
            fail(file + " has no FROM");
        }
        return new DockerfileImage(args, stages);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseGet(() -> fail("the Dockerfile has no stage named " + name));
    }

    Stage last() {
        return stages.getLast();
    }

    /** {@code text} with the global ARGs' defaults put in for {@code ${NAME}} and {@code $NAME}. */
    String expand(String text) {
        Matcher matcher = ARG_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = args.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * Lays the final stage out under {@code root}: each COPY from the build context (the
     * project folder) or from a stage that copied the whole context into its WORKDIR (the same
     * folder, after the project's build); fails naming the line when a source is missing.
     */
    Layout assemble(Path project, Path root) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Path workdir = root;
        List<String> entrypoint = List.of();
        List<Unreproduced> unreproduced = new ArrayList<>();
        for (Instruction instruction : last().instructions()) {
            switch (instruction.keyword()) {
                case "ENV" -> {
                    String[] pair = instruction.arguments().split("=", 2);
                    if (pair.length != 2 || pair[0].contains(" ")) {
                        fail("line " + instruction.line() + ": ENV as one K=V pair expected: " + instruction.arguments());
                    }
                    env.put(pair[0], pair[1].startsWith("/") ? root.resolve(pair[1].substring(1)).toString() : pair[1]);
                }
                case "WORKDIR" -> workdir = Files.createDirectories(root.resolve(instruction.arguments().replaceFirst("^/+", "")));
                case "ENTRYPOINT" -> entrypoint = List.of(new ObjectMapper().readValue(instruction.arguments(), String[].class));
                case "COPY" -> copy(instruction, project, root, unreproduced);
                default -> {
                    // RUN, USER, CMD: nothing a layout needs
                }
            }
        }
        return new Layout(root, env, workdir, entrypoint, unreproduced);
    }

    private void copy(Instruction instruction, Path project, Path root, List<Unreproduced> unreproduced) throws IOException {
        List<String> words = new ArrayList<>(List.of(instruction.arguments().split("\\s+")));
        String from = null;
        while (words.getFirst().startsWith("--")) {
            String flag = words.removeFirst();
            if (flag.startsWith("--from=")) {
                from = flag.substring("--from=".length());
            }
        }
        if (words.size() < 2 || words.getFirst().startsWith("[")) {
            fail("line " + instruction.line() + ": COPY SRC... DEST expected: " + instruction.arguments());
        }
        String destination = words.removeLast();
        Path base = project;
        String prefix = "";
        if (from != null) {
            Stage stage = stage(from);
            boolean copiesContext = stage.all("COPY").stream().anyMatch(c -> c.arguments().equals(". ."));
            if (!copiesContext) {
                for (String source : words) {
                    unreproduced.add(new Unreproduced(instruction, from, source, destination));
                }
                return;
            }
            Optional<Instruction> workdir = stage.first("WORKDIR");
            if (workdir.isEmpty()) {
                fail("stage " + from + " copies the context but has no WORKDIR");
            }
            prefix = workdir.get().arguments() + "/";
        }
        for (String source : words) {
            if (!source.startsWith(prefix)) {
                fail("line " + instruction.line() + ": " + source + " is not under " + prefix + ", the folder stage " + from
                        + " holds the project in");
            }
            List<Path> matches = matches(base, source.substring(prefix.length()));
            if (matches.isEmpty()) {
                fail("line " + instruction.line() + ": COPY " + (from == null ? "" : "--from=" + from + " ") + source
                        + " matches nothing in " + base + (from == null ? "" : " (after the project's build)"));
            }
            for (Path match : matches) {
                Path target = destination.endsWith("/") || matches.size() > 1
                        ? root.resolve(destination.replaceFirst("^/+", "")).resolve(Files.isDirectory(match) ? "" : match.getFileName().toString())
                        : root.resolve(destination.replaceFirst("^/+", ""));
                copyTree(match, target);
            }
        }
    }

    private static List<Path> matches(Path base, String source) throws IOException {
        String relative = source.replaceFirst("/+$", "");
        if (!relative.contains("*")) {
            Path path = base.resolve(relative);
            return Files.exists(path) ? List.of(path) : List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + base.resolve(relative));
        Path parent = base.resolve(relative).getParent();
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(matcher::matches).sorted().toList();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path path : (Iterable<Path>) tree::iterator) {
                    Path to = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
