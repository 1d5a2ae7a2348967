package dev.livetalk.metrics.ledger;

import dev.livetalk.client.transcript.MessageStatus;
import dev.livetalk.client.transcript.TranscriptEntry;
import dev.livetalk.metrics.RandomTraces;
import dev.livetalk.metrics.TraceFixture;
import dev.livetalk.metrics.replay.LineFolds;
import dev.livetalk.metrics.replay.ReplayedRun;
import dev.livetalk.metrics.replay.RoomReplay;
import dev.livetalk.metrics.trace.RoomSlices;
import dev.livetalk.metrics.trace.RunTrace;
import dev.livetalk.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger made from every member's final lines read as they settle ({@link LedgerBuilder#lineFolds},
 * {@link LedgerWriter#lineFolds}) against the ledger of replays that kept them: the same rows, and the
 * same files byte for byte, the transcript rows streamed a few lines at a time into their table.
 */
class LedgerFoldsTest {
    private static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("folds \"lines\":[] test", "test", 7);
    private static final int RANDOM_SEEDS = 80;

    /** A random trace's ledger with its lines kept, or {@code null} when the trace is refused. */
    private static Ledger kept(RunTrace trace) {
        try {
            RoomSlices slices = RoomSlices.of(trace);
            LedgerBuilder builder = new LedgerBuilder(slices.run());
            slices.rooms().forEach(room -> builder.add(ReplayedRun.of(slices, room)));
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return null;
        }
    }

    @Test
    void shouldBuildTheSameLedgerInMemoryWithTheLinesFoldedAsKept() {
        int measured = 0;
        for (long seed = 0; seed < RANDOM_SEEDS; seed++) {
            Ledger expected = kept(RandomTraces.of(seed));
            if (expected == null) {
                continue;
            }
            measured++;
            RoomSlices slices = RoomSlices.of(RandomTraces.of(seed));
            LedgerBuilder folded = new LedgerBuilder(slices.run());
            for (String room : slices.rooms()) {
                ReplayedRun replayed = ReplayedRun.of(slices, room, folded.lineFolds());
                assertThat(replayed.replays().values().stream().flatMap(r -> r.values().stream()))
                        .as("seed " + seed).allMatch(RoomReplay::linesFolded);
                folded.add(replayed);
            }
            assertThat(folded.build()).as("seed " + seed).isEqualTo(expected);
        }
        assertThat(measured).as("traces not refused").isGreaterThan(RANDOM_SEEDS * 3 / 4);
    }

    @Test
    void shouldWriteTheSameFilesWithTheLinesFoldedInChunksOfAnySize(@TempDir Path dir) throws IOException {
        int evictedRows = 0;
        int written = 0;
        for (long seed = 0; seed < RANDOM_SEEDS; seed++) {
            Ledger expected = kept(RandomTraces.of(seed));
            if (expected == null) {
                continue;
            }
            evictedRows += (int) expected.transcripts().stream().filter(t -> t.evictedLines() > 0).count();
            Path whole = dir.resolve(seed + "-whole");
            LedgerFiles.write(whole, STAMP, expected);
            for (int chunkRows : new int[] {1, 2, 5, LedgerWriter.CHUNK_ROWS}) {
                Path streamed = dir.resolve(seed + "-" + chunkRows);
                RoomSlices slices = RoomSlices.of(RandomTraces.of(seed));
                try (LedgerWriter writer = LedgerWriter.open(streamed, STAMP, slices.run(), null,
                        LedgerWriter.Opener.FILES, chunkRows)) {
                    for (String room : slices.rooms()) {
                        writer.add(ReplayedRun.of(slices, room, writer.lineFolds()));
                    }
                    writer.finish();
                }
                for (LedgerTable table : LedgerTable.values()) {
                    assertThat(text(streamed.resolve(table.fileName())))
                            .as("seed " + seed + " chunks of " + chunkRows + " " + table)
                            .isEqualTo(text(whole.resolve(table.fileName())));
                }
                assertThat(streamed.resolve(LedgerWriter.SPILL_FOLDER)).doesNotExist();
                written++;
            }
        }
        assertThat(written).isGreaterThan(RANDOM_SEEDS * 3);
        assertThat(evictedRows).as("transcript rows with lines scrolled away").isGreaterThan(10);
    }

    @Test
    void shouldWriteATranscriptRowsStartLinesAndEndAsTheWholeRow() throws IOException {
        LedgerFiles.RowWriter rows = new LedgerFiles.RowWriter(STAMP);
        List<TranscriptRow.Line> lines = List.of(
                new TranscriptRow.Line("send:u1:a", 1, "r:1", "a", "u1", "delivered"),
                new TranscriptRow.Line(null, 0, null, "b\"lines\":[]", "ü\u2028", "pending"),
                new TranscriptRow.Line("msg:r:9", 9, "r:9", null, "u2", "read"));
        List<TranscriptRow.Transition> transitions = List.of(new TranscriptRow.Transition(0, false),
                new TranscriptRow.Transition(12, true));
        for (int shown = 0; shown <= lines.size(); shown++) {
            for (int evicted = 0; evicted <= shown; evicted++) {
                for (Long joined : new Long[] {null, 0L, 42L}) {
                    TranscriptRow row = new TranscriptRow("u\"lines\":[]", "room \"x\"", joined,
                            lines.subList(0, shown), shown == 0 ? List.of() : transitions, evicted);
                    LedgerFiles.Line whole = rows.line(row);
                    String expected = new String(whole.array(), 0, whole.size(), StandardCharsets.UTF_8);
                    byte[][] ends = rows.transcriptEnds(new TranscriptRow(row.client(), row.room(), joined,
                            List.of(), row.transitions()), evicted);
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    streamed.write(ends[0]);
                    for (int i = 0; i < shown; i++) {
                        rows.transcriptLines(lines.subList(i, i + 1), i > 0, streamed);
                    }
                    streamed.write(ends[1]);
                    assertThat(streamed.toString(StandardCharsets.UTF_8))
                            .as(shown + " lines, " + evicted + " evicted, joined " + joined).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldFailNamingATranscriptsLinesFileWhenTheDiskFailsAndLeaveNothing(@TempDir Path dir) throws IOException {
        RunTrace trace = LedgerWriterTest.run(4);
        RoomSlices slices = RoomSlices.of(trace);
        Path folder = dir.resolve("ledger");
        Path lines = folder.resolve(LedgerWriter.SPILL_FOLDER).resolve(LedgerWriter.TRANSCRIPT_FOLDER)
                .resolve("0.lines");
        LedgerWriter.Opener fullDisk = (file, append) -> file.equals(lines)
                ? new Full(LedgerWriter.Opener.FILES.open(file, append))
                : LedgerWriter.Opener.FILES.open(file, append);
        assertThatThrownBy(() -> {
            try (LedgerWriter writer = LedgerWriter.open(folder, STAMP, slices.run(), null, fullDisk, 2)) {
                for (String room : slices.rooms()) {
                    writer.add(ReplayedRun.of(slices, room, writer.lineFolds()));
                }
                writer.finish();
            }
        }).satisfies(e -> {
            // from a fold, while the room is replayed, it surfaces unchecked (the measurement's callers unwrap it)
            Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            assertThat(io).isInstanceOf(IOException.class).hasMessage("cannot write the ledger's spill file " + lines
                    + ": No space left on device (is the disk full?)");
        });
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void shouldTakeASendersFinalStatusFromItsFirstLineAndCountEveryLineOfTheMessage() {
        TraceFixture run = new TraceFixture("test", 0);
        TraceFixture.Client sender = run.client("u1").join("r", 0);
        TraceFixture.Client peer = run.client("u2").join("r", 0);
        sender.send("r", "c1", 1, 1, 2);
        Message m = run.commit("r", "u1", "c1", 5);
        sender.ackBySeq("c1", m, 8);
        sender.at("r", 9).append(TranscriptEntry.committed(m, MessageStatus.READ)); // shown again, read
        peer.place(m, 7).append(m, 10).append(m, 11);
        RunTrace trace = run.build();
        Ledger expected = kept(trace);
        RoomSlices slices = RoomSlices.of(trace);
        LedgerBuilder folded = new LedgerBuilder(slices.run());
        slices.rooms().forEach(room -> folded.add(ReplayedRun.of(slices, room, folded.lineFolds())));
        for (Ledger ledger : List.of(expected, folded.build())) {
            assertThat(ledger.messages()).singleElement().satisfies(row -> assertThat(row.finalStatus()).isEqualTo("sent"));
            assertThat(ledger.deliveries()).singleElement().satisfies(row -> {
                assertThat(row.lines()).isEqualTo(3);
                assertThat(row.finalPosition()).isZero();
            });
        }
    }

    @Test
    void shouldRefuseAReplayWhoseLinesAnotherReaderFolded() {
        RoomSlices slices = RoomSlices.of(LedgerWriterTest.run(1));
        LedgerBuilder builder = new LedgerBuilder(slices.run());
        LineFolds others = new LedgerBuilder(slices.run()).lineFolds();
        ReplayedRun replayed = ReplayedRun.of(slices, slices.rooms().get(0), others);
        assertThatThrownBy(() -> builder.add(replayed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its final lines were folded, but not by the ledger's lineFolds()");
    }

    /** A file on a full disk. */
    private static final class Full extends FilterOutputStream {
        Full(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private static String text(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
