package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.LedgerIndex;
import dev.livetalk.metrics.ledger.LedgerTable;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.MessageStory;
import dev.livetalk.metrics.results.Markup;
import dev.livetalk.metrics.results.MergedShards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stories of one strategy's examples, told from the ledger beside its results
 * ({@link MessageStory}, the text {@code livetalk explain} prints), for the examples table:
 * each in a collapsed {@code <details>} with the command that prints it. Without a ledger there
 * is nothing to add; a ledger too large to read in passing gives the command alone.
 *
 * <p>Immutable once built; any thread.
 */
final class ExampleStories {
    /**
     * The compressed size of a ledger the report still reads (a few seconds and some hundred MB of
     * heap): the 200-client scenario's, about 37 MB per strategy, is left to {@code livetalk explain}.
     */
    static final long MAX_LEDGER_BYTES = 16_000_000;
    private final Path scenarioFolder;
    /** The scenario's folder as the command names it. */
    private final String shown;
    private final String strategy;
    private final LedgerIndex index;
    /** Why the ledger is not read, or {@code null}. */
    private final String unreadable;

    private ExampleStories(Path scenarioFolder, String strategy, LedgerIndex index, String unreadable) {
        this(scenarioFolder, scenarioFolder.toString(), strategy, index, unreadable);
    }

    private ExampleStories(Path scenarioFolder, String shown, String strategy, LedgerIndex index, String unreadable) {
        this.scenarioFolder = scenarioFolder;
        this.shown = shown;
        this.strategy = strategy;
        this.index = index;
        this.unreadable = unreadable;
    }

    /** The stories of {@code strategy} from the ledger in {@code scenarioFolder}, if it has one. */
    static Optional<ExampleStories> of(Path scenarioFolder, String strategy) {
        return of(scenarioFolder, strategy, MAX_LEDGER_BYTES);
    }

    /** As {@link #of(Path, String)}, reading a ledger only up to {@code maxBytes} of compressed tables. */
    static Optional<ExampleStories> of(Path scenarioFolder, String strategy, long maxBytes) {
        Path folder = LedgerFolder.of(scenarioFolder, strategy);
        if (!LedgerFiles.isLedger(folder)) {
            return Optional.empty();
        }
        try {
            long bytes = size(folder);
            if (bytes > maxBytes) {
                return Optional.of(new ExampleStories(scenarioFolder, strategy, null, String.format(Locale.ROOT,
                        "its ledger (%.1f MB) is more than the report reads (%.0f MB); the command prints it",
                        bytes / 1e6, maxBytes / 1e6)));
            }
            return Optional.of(new ExampleStories(scenarioFolder, strategy,
                    new LedgerIndex(LedgerFiles.read(folder)), null));
        } catch (IOException e) {
            return Optional.of(new ExampleStories(scenarioFolder, strategy, null, "the ledger cannot be read: "
                    + e.getMessage()));
        }
    }

    private static long size(Path folder) throws IOException {
        long bytes = 0;
        for (LedgerTable table : LedgerTable.values()) {
            Path file = folder.resolve(table.fileName());
            bytes += Files.isRegularFile(file) ? Files.size(file) : 0;
        }
        return bytes;
    }

    /**
     * The same stories, whose commands name the scenario's folder relative to the folder
     * {@code commandsFrom} (the report's: a run's holds the scenario folders, a merged report's
     * has the shards' folders beside it), so the report stays true when copied elsewhere with
     * them (a CI artifact); as before when {@code null}.
     */
    ExampleStories from(Path commandsFrom) {
        return commandsFrom == null ? this : new ExampleStories(scenarioFolder,
                MergedShards.relative(commandsFrom, scenarioFolder), strategy, index, unreadable);
    }

    /** The command that prints the story of {@code example}. */
    String command(Example example) {
        return "livetalk explain " + shown + " " + example.messageId() + " --strategy " + strategy;
    }

    /** A table row spanning {@code columns}: the story of {@code example}, collapsed, with its command. */
    void row(Example example, int columns, StringBuilder h) {
        h.append("<tr class=\"story\"><td colspan=\"").append(columns).append("\"><details><summary>story of ")
                .append(Markup.escape(example.messageId())).append("</summary>\n<p><code>")
                .append(Markup.escape(command(example))).append("</code></p>\n");
        if (unreadable != null) {
            h.append("<p class=\"missing\">No story here: ").append(Markup.escape(unreadable))
                    .append(".</p>\n");
        } else {
            List<MessageRow> found = index.find(example.messageId()).stream()
                    .filter(m -> m.room().equals(example.room())).toList();
            if (found.isEmpty()) {
                h.append("<p class=\"missing\">The ledger holds no message ").append(Markup.escape(example.messageId()))
                        .append(" in ").append(Markup.escape(example.room())).append(".</p>\n");
            }
            found.forEach(m -> h.append("<pre>").append(pre(MessageStory.of(index, m).text())).append("</pre>\n"));
        }
        h.append("</details></td></tr>\n");
    }

    /** Escaped line by line, so the page's source keeps the story's lines. */
    private static String pre(String text) {
        return text.lines().map(Markup::escape).collect(Collectors.joining("\n", "", "\n"));
    }
}
