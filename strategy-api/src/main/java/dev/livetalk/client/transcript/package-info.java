/**
 * The view model a UI renders: a room's {@link dev.livetalk.client.transcript.Transcript} of
 * {@link dev.livetalk.client.transcript.TranscriptEntry} lines, every change recorded as a
 * {@link dev.livetalk.client.transcript.TranscriptChange} (so moves can be counted exactly),
 * and a {@link dev.livetalk.client.transcript.TranscriptJournal} for per-message diagnostics.
 */
package dev.livetalk.client.transcript;
