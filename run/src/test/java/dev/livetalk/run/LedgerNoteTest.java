package dev.livetalk.run;

import dev.livetalk.metrics.ledger.LedgerWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's note on a written ledger says only what is true of its rows. */
class LedgerNoteTest {
    @Test
    void shouldSayTheBytesPerRowOfALedgerWithRows() {
        String note = ScenarioRunner.ledgerNote(new LedgerWriter.Written(819, 117, 62_000, 451_000), 710_000_000L,
                150_000_000L);
        assertThat(note).isEqualTo("ledger of 819 (message, recipient) rows, 62 kB (76 B per row), built in 0.71 s"
                + " (room by room, as measured), written in 0.15 s (after; 451 kB spilled)");
    }

    /** A run in which no message had a recipient: its bytes are the faults', welcomes' and transcripts'. */
    @Test
    void shouldGiveNoBytesPerRowWithoutARow() {
        String note = ScenarioRunner.ledgerNote(new LedgerWriter.Written(0, 0, 628, 1_000), 120_000_000L, 130_000_000L);
        assertThat(note).isEqualTo("ledger of 0 (message, recipient) rows, 1 kB (its other tables alone), built in"
                + " 0.12 s (room by room, as measured), written in 0.13 s (after; 1 kB spilled)")
                .doesNotContain("per row");
    }
}
