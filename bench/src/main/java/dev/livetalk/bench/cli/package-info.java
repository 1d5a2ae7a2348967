/**
 * The {@code livetalk} command line (picocli): {@code run}, {@code validate}, {@code report},
 * {@code strategies}, {@code server}, {@code calibrate}, {@code bench fanout} and
 * {@code bench sim}. Parses and checks arguments, picks the network backend of a run, prints
 * progress and maps every user error to its {@link dev.livetalk.bench.cli.ExitCode} with no
 * stack trace. Entry point: {@link dev.livetalk.bench.cli.Main}.
 */
package dev.livetalk.bench.cli;
