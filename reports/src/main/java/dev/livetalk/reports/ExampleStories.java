package dev.livetalk.reports;

import dev.livetalk.metrics.correctness.Example;
import dev.livetalk.metrics.ledger.LedgerFiles;
import dev.livetalk.metrics.ledger.LedgerFolder;
import dev.livetalk.metrics.ledger.LedgerIndex;
import dev.livetalk.metrics.ledger.MessageRow;
import dev.livetalk.metrics.ledger.MessageStory;
import dev.livetalk.metrics.results.Markup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The stories of one strategy's examples, told from the ledger beside its results
 * ({@link MessageStory}, the text {@code livetalk explain} prints), for the examples table:
 * each in a collapsed {@code <details>} with the command that prints it. Without a ledger there
 * is nothing to add.
 *
 * <p>Immutable once built; any thread.
 */
final class ExampleStories {
    private final Path scenarioFolder;
    private final String strategy;
    private final LedgerIndex index;
    private final String unreadable;

    private ExampleStories(Path scenarioFolder, String strategy, LedgerIndex index, String unreadable) {
        this.scenarioFolder = scenarioFolder;
        this.strategy = strategy;
        this.index = index;
        this.unreadable = unreadable;
    }

    /** The stories of {@code strategy} from the ledger in {@code scenarioFolder}, if it has one. */
    static Optional<ExampleStories> of(Path scenarioFolder, String strategy) {
        Path folder = LedgerFolder.of(scenarioFolder, strategy);
        if (!LedgerFiles.isLedger(folder)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExampleStories(scenarioFolder, strategy,
                    new LedgerIndex(LedgerFiles.read(folder)), null));
        } catch (IOException e) {
            return Optional.of(new ExampleStories(scenarioFolder, strategy, null, e.getMessage()));
        }
    }

    /** The command that prints the story of {@code example}. */
    String command(Example example) {
        return "livetalk explain " + scenarioFolder + " " + example.messageId() + " --strategy " + strategy;
    }

    /** A table row spanning {@code columns}: the story of {@code example}, collapsed, with its command. */
    void row(Example example, int columns, StringBuilder h) {
        h.append("<tr class=\"story\"><td colspan=\"").append(columns).append("\"><details><summary>story of ")
                .append(Markup.escape(example.messageId())).append("</summary>\n<p><code>")
                .append(Markup.escape(command(example))).append("</code></p>\n");
        if (unreadable != null) {
            h.append("<p class=\"missing\">The ledger cannot be read: ").append(Markup.escape(unreadable))
                    .append("</p>\n");
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
