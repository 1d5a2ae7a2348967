package dev.livetalk.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Hand-edits a ledger table for the tests of invalid ledgers: a row's field taken out. */
final class LedgerRowEdit {
    private LedgerRowEdit() {
    }

    /** Takes the field {@code name} (and its value, a string, number, boolean or null) out of line {@code line} (from 1) of {@code table}. */
    static void removeField(Path table, int line, String name) throws IOException {
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(table))) {
            lines = new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        String row = lines.get(line - 1);
        String edited = row.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,}\\[{]*),?", "");
        if (edited.equals(row)) {
            throw new IllegalArgumentException("line " + line + " of " + table + " has no field " + name + ": " + row);
        }
        lines.set(line - 1, edited);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(table))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
