package dev.livetalk.metrics.ledger;

import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's streamed transcript rows at their edges: a folder an earlier writer left its spill files in, names
 * with any characters, a fold beside the ledger's failing in the middle of a room.
 */
class LedgerFoldsEdgeTest {
    private static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("review", "test", 3);

    /**
     * A ledger folder an earlier writer left its spill folder in (a JVM killed mid-run; {@code livetalk run}
     * clears {@code ledger/} first, a caller of the writer need not): every other spill file is opened anew,
     * the transcript rows' lines files were appended to, so the earlier run's lines came first in this run's
     * transcript rows.
     */
    @Test
    void shouldNotAppendToATranscriptLinesFileAnEarlierWriterLeft(@TempDir Path dir) throws IOException {
        assertSameFilesWithStaleLines(dir, 0);
    }

    /**
     * As above, the earlier writer having had more transcript rows than this one: its lines files past this
     * one's were left in the transcripts folder, whose removal then failed the finish after every table was
     * written (and the close removed them all).
     */
    @Test
    void shouldFinishWhereAnEarlierWriterLeftMoreTranscriptLinesFiles(@TempDir Path dir) throws IOException {
        assertSameFilesWithStaleLines(dir, 9_999);
    }

    private static void assertSameFilesWithStaleLines(Path dir, int staleFile) throws IOException {
        RunTrace trace = LedgerWriterTest.run(4);
        Path whole = dir.resolve("whole");
        LedgerFiles.write(whole, STAMP, kept(trace));
        Path folder = dir.resolve("ledger");
        Path transcripts = folder.resolve(LedgerWriter.SPILL_FOLDER).resolve(LedgerWriter.TRANSCRIPT_FOLDER);
        Files.createDirectories(transcripts);
        Files.writeString(transcripts.resolve(staleFile + ".lines"), "{\"stale\":true}");
        RoomSlices slices = RoomSlices.of(trace);
        try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null)) {
            for (String room : slices.rooms()) {
                writer.add(ReplayedRun.of(slices, room, writer.lineFolds()));
            }
            writer.finish();
        }
        for (LedgerTable table : LedgerTable.values()) {
            assertThat(text(folder.resolve(table.fileName()))).as(table.toString())
                    .isEqualTo(text(whole.resolve(table.fileName())));
        }
        assertThat(folder.resolve(LedgerWriter.SPILL_FOLDER)).doesNotExist();
    }

    /** The oracle: the ledger of the rooms replayed one at a time, their lines kept. */
    static Ledger kept(RunTrace trace) {
        RoomSlices slices = RoomSlices.of(trace);
        LedgerBuilder builder = new LedgerBuilder(slices.run());
        slices.rooms().forEach(room -> builder.add(ReplayedRun.of(slices, room)));
        return builder.build();
    }

    /** Names with a lone surrogate, a pair, controls and the fields' own names: the row split and joined again. */
    @Test
    void shouldSplitATranscriptRowWithAnyNameAsTheWholeRow() throws IOException {
        String[] names = {"\uD800", "x\uDC00y", "\uD83D\uDE00", "\u0000\u001f\u007f\"", "\"evicted_lines\":0}",
                "\"lines\":[]", "lines\":[]", "\\\"lines\\\":[]", "\u00e9\u2028\u2029"};
        for (String name : names) {
            LedgerFiles.RowWriter rows = new LedgerFiles.RowWriter(new LedgerFiles.Stamp(name, name, -1));
            java.util.List<TranscriptRow.Line> lines = java.util.List.of(
                    new TranscriptRow.Line(name, 1, name, name, name, "sent"));
            TranscriptRow row = new TranscriptRow(name, name, null, lines,
                    java.util.List.of(new TranscriptRow.Transition(-5, true)), 1);
            LedgerFiles.Line whole = rows.line(row);
            byte[] expected = java.util.Arrays.copyOf(whole.array(), whole.size());
            byte[][] ends = rows.transcriptEnds(new TranscriptRow(name, name, null, java.util.List.of(),
                    row.transitions()), 1);
            java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
            streamed.write(ends[0]);
            rows.transcriptLines(lines, false, streamed);
            streamed.write(ends[1]);
            assertThat(streamed.toByteArray()).as(name).isEqualTo(expected);
        }
    }

    /**
     * A fold beside the ledger's (the checks') that fails in the middle of a room, after the ledger's fold handed
     * lines to the writer thread: the writer closed leaves nothing, its thread stopped.
     */
    @Test
    void shouldLeaveNothingWhenAFoldBesideTheLedgersFailsInTheMiddleOfARoom(@TempDir Path dir) throws IOException {
        RunTrace trace = LedgerWriterTest.run(4);
        RoomSlices slices = RoomSlices.of(trace);
        Path folder = dir.resolve("ledger");
        int[] seen = {0};
        dev.livetalk.metrics.replay.LineFolds failing = (index, slice, client, room, joinedAt, unreachable) -> line -> {
            if (++seen[0] == 40) {
                throw new IllegalStateException("the checks' fold failed");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null,
                    LedgerWriter.Opener.FILES, 1)) {
                for (String room : slices.rooms()) {
                    writer.add(ReplayedRun.of(slices, room,
                            dev.livetalk.metrics.replay.LineFolds.both(writer.lineFolds(), failing)));
                }
                writer.finish();
            }
        }).hasMessage("the checks' fold failed");
        assertThat(seen[0]).isEqualTo(40);
        assertThat(folder).isEmptyDirectory();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("ledger-writer") && t.isAlive());
    }

    static String text(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
