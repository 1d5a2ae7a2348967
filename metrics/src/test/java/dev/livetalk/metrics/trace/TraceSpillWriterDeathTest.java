package dev.livetalk.metrics.trace;

import dev.livetalk.client.transcript.TranscriptChange;
import dev.livetalk.client.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The spill's writer thread dying must refuse the trace, never leave a reader or a recorder waiting. */
class TraceSpillWriterDeathTest {
    @TempDir
    Path tmp;

    /** A failure whose own description throws: the writer's handling of it throws again. */
    static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            throw new IllegalStateException("toString failed");
        }
    }

    private static List<TranscriptEntry> throwing(RuntimeException failure) {
        return new AbstractList<>() {
            @Override
            public TranscriptEntry get(int index) {
                throw failure;
            }

            @Override
            public int size() {
                return 1;
            }
        };
    }

    @Test
    void shouldRefuseTheTraceAndNotHangWhenARecordCannotBeWrittenAndItsFailureNotDescribed() {
        TraceSpill spill = TraceSpill.in(tmp);
        spill.finalTranscript(0, 0, "hall", throwing(new Unprintable()));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThatThrownBy(spill::read).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("a harness bug");
            spill.close();
        });
    }

    @Test
    void shouldLetRecordersGoOnAndRefuseTheTraceWhenTheWriterDiedWithTheQueueFull() {
        TraceSpill spill = TraceSpill.in(tmp);
        TranscriptEntry entry = TranscriptEntry.pending("a1", "alice", "hi", null);
        spill.finalTranscript(0, 0, "hall", throwing(new Unprintable())); // the writer dies on its first batch

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 1; i < 300_000; i++) { // more than the queue holds
                spill.change(0, i, new TranscriptChange.Inserted("hall", i, i, entry, i - 1));
            }
            assertThatThrownBy(() -> spill.read("hall")).isInstanceOf(UncheckedIOException.class);
            spill.close();
        });
    }
}
