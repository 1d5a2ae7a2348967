package dev.livetalk.metrics.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A row's line of JSON as the ledger's writers make it, and what is kept of it once written. */
class RowWriterTest {
    private static final LedgerFiles.Stamp STAMP = new LedgerFiles.Stamp("soak", "reconcile", 7);

    /** A transcript row of {@code count} lines: an hour's row of one member has about 190,000 (28 MB). */
    private static TranscriptRow transcript(int count) {
        List<TranscriptRow.Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new TranscriptRow.Line("send:user002:c" + i, i + 1, "room01:" + (i + 1) + ".e1", "c" + i,
                    "user002", "sent"));
        }
        return new TranscriptRow("user001", "room01", 0L, lines, List.of(), 0);
    }

    @Test
    void shouldWriteALongRowWholeInSlicesAndLetItsBufferGo() throws IOException {
        LedgerFiles.RowWriter rows = new LedgerFiles.RowWriter(STAMP);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
                seen.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                seen.write(b, off, len);
            }
        };

        LedgerFiles.Line line = rows.line(transcript(30_000));
        int size = line.size();
        line.writeSliced(out);

        assertThat(size).isGreaterThan(1 << 21);
        assertThat(seen.size()).isEqualTo(size);
        assertThat(writes).as("no stream after the line is handed its buffer").allMatch(n -> n <= 8 << 10);
        JsonNode row = new ObjectMapper().readTree(seen.toByteArray());
        assertThat(row.get("scenario").asText()).isEqualTo("soak");
        assertThat(row.get("lines")).hasSize(30_000);
        assertThat(row.get("lines").get(29_999).get("client_msg_id").asText()).isEqualTo("c29999");

        LedgerFiles.Line next = rows.line(transcript(2));
        assertThat(next.array().length).as("the long row's buffer is not kept for the next").isLessThanOrEqualTo(1 << 20);
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        next.writeSliced(small);
        assertThat(new ObjectMapper().readTree(small.toByteArray()).get("lines")).hasSize(2);
    }
}
