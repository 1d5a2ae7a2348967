package dev.livetalk.metrics.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a large ledger: only what a story needs, streaming, or a clear refusal to read it whole. */
class LedgerReadingTest {
    @Test
    void shouldTellTheSameStoriesAndCloseNamesFromTheMessagesANameNamesAsFromTheWholeLedger(@TempDir Path folder)
            throws IOException {
        LedgerWriterTest.stream(LedgerWriterTest.run(5), folder);
        LedgerIndex whole = new LedgerIndex(LedgerFiles.read(folder));
        List<String> names = new ArrayList<>();
        for (MessageRow m : whole.ledger().messages().subList(0, 40)) {
            names.add(m.key());
            names.addAll(m.clientMsgIds());
            if (m.id() != null) {
                names.add(m.id()); // server ids repeat across rooms: a name of several messages
                names.add(m.room() + ":" + m.seq());
            }
        }
        names.addAll(List.of("send:u1-1:c1", "c1x", "alpha:999", "nothing-like-it"));
        int found = 0;
        for (String name : names) {
            LedgerIndex named = LedgerIndex.named(folder, Set.of(name), name, 5);
            assertThat(named.find(name)).as(name).isEqualTo(whole.find(name));
            assertThat(stories(named, name)).as(name).isEqualTo(stories(whole, name));
            assertThat(named.closeTo(name, 5)).as(name).isEqualTo(whole.closeTo(name, 5));
            assertThat(named.ledger().messages().size()).isLessThan(whole.ledger().messages().size());
            found += whole.find(name).isEmpty() ? 0 : 1;
        }
        assertThat(found).isGreaterThan(40);
        assertThat(whole.closeTo("c1x", 5)).isNotEmpty();
        assertThat(whole.find("alpha:1")).hasSize(1);
        assertThat(whole.find("m1")).hasSizeGreaterThan(1);
    }

    private static List<String> stories(LedgerIndex index, String name) {
        return index.find(name).stream().map(m -> MessageStory.of(index, m).text()).toList();
    }

    @Test
    void shouldRefuseToReadWholeALedgerTheHeapCannotHoldSayingWhatItNeeds(@TempDir Path folder) throws IOException {
        LedgerWriterTest.stream(LedgerWriterTest.run(1), folder);
        long compressed = 0;
        for (LedgerTable table : LedgerTable.values()) {
            compressed += java.nio.file.Files.size(folder.resolve(table.fileName()));
        }
        long needs = compressed * LedgerFiles.HEAP_PER_COMPRESSED_BYTE;

        LedgerFiles.requireHeapFor(folder, needs);
        assertThatThrownBy(() -> LedgerFiles.requireHeapFor(folder, needs - 1))
                .isInstanceOf(LedgerFiles.LedgerTooLargeException.class)
                .hasMessageStartingWith("the ledger in " + folder + " (")
                .hasMessageContaining("of heap to be read whole, more than this JVM's maximum of")
                .hasMessageContaining("LIVETALK_JAVA_OPTS=-Xmx");
    }

    /**
     * A row without a required field is refused when read, naming the table's file, the line and
     * the field (nested ones by their path); a field {@link AddedLater} may be absent, as in the
     * ledger of an earlier livetalk, and reads as its absent value.
     */
    @Test
    void shouldRefuseARowWithoutARequiredFieldNamingTheFileTheLineAndTheField(@TempDir Path folder)
            throws IOException {
        LedgerWriterTest.stream(LedgerWriterTest.run(1), folder);
        Path deliveries = folder.resolve(LedgerTable.DELIVERIES.fileName());
        edit(deliveries, 2, ",\"unreachable\":false", ""); // an earlier livetalk's row: read as reachable
        assertThat(LedgerFiles.read(folder).deliveries()).noneMatch(DeliveryRow::unreachable);

        edit(deliveries, 2, "\"room\":\"[^\"]*\",", "");
        assertThatThrownBy(() -> LedgerFiles.read(folder)).isInstanceOf(IOException.class)
                .hasMessage(deliveries + ": not a ledger table: line 2 has no room, a field every row of the table has"
                        + " (docs/LEDGER.md)");

        LedgerWriterTest.stream(LedgerWriterTest.run(1), folder);
        Path messages = folder.resolve(LedgerTable.MESSAGES.fileName());
        edit(messages, 1, "\"status\":\"[a-z]*\",", "");
        assertThatThrownBy(() -> LedgerFiles.read(folder)).hasMessage(messages + ": not a ledger table: line 1 has no"
                + " statuses[0].status, a field every row of the table has (docs/LEDGER.md)");
    }

    /** Replaces the first match of {@code regex} on line {@code line} (from 1) of the gzip table {@code file}. */
    private static void edit(Path file, int line, String regex, String replacement) throws IOException {
        List<String> lines;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
            lines = new ArrayList<>(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .toList());
        }
        String edited = lines.get(line - 1).replaceFirst(regex, replacement);
        assertThat(edited).as("line %d of %s has %s", line, file, regex).isNotEqualTo(lines.get(line - 1));
        lines.set(line - 1, edited);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
