package dev.livetalk.metrics.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How a run was started: when (UTC), by which version of the tool, from which git commit of
 * its checkout, and with which command line. Carried in {@code results.json}'s
 * {@code environment} ({@link Environment}) and shown in the reports' environment sections.
 *
 * <p>Immutable; any thread.
 *
 * @param startedAt   when the run started, an ISO-8601 instant in UTC ({@code 2026-12-04T12:39:54.123Z}),
 *                    or {@code null} when not recorded
 * @param toolVersion the tool's version ({@code livetalk 0.1.0-SNAPSHOT}), or {@code null}
 * @param gitCommit   the full commit id of the tool's checkout, {@link #UNKNOWN} when there is none
 *                    to read (no checkout, no git), or {@code null} when not recorded
 * @param gitDirty    whether the checkout had uncommitted changes to tracked files, {@code null}
 *                    when unknown
 * @param commandLine the command line as invoked ({@code livetalk run scenarios/outage.yaml --network sim}),
 *                    or {@code null}
 */
public record Invocation(String startedAt, String toolVersion, String gitCommit, Boolean gitDirty, String commandLine) {
    /** A git commit that could not be found: the tool ran outside a git checkout, or it could not be read. */
    public static final String UNKNOWN = "unknown";

    /** Nothing recorded: a document written before these fields, or by a caller that did not say. */
    public static final Invocation NOT_RECORDED = new Invocation(null, null, null, null, null);

    public Invocation {
        if (startedAt != null) {
            try {
                Instant.parse(startedAt);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("startedAt must be an ISO-8601 instant such as "
                        + "2026-12-04T12:39:54Z: " + startedAt, e);
            }
        }
    }

    /** An invocation started at {@code startedAt}. */
    public static Invocation of(Instant startedAt, String toolVersion, String gitCommit, Boolean gitDirty,
                                String commandLine) {
        return new Invocation(startedAt.toString(), toolVersion, gitCommit, gitDirty, commandLine);
    }

    /** Whether anything was recorded. */
    public boolean recorded() {
        return !equals(NOT_RECORDED);
    }

    /** The commit for people: the id, with {@code (dirty)} when it had uncommitted changes; {@code unknown} otherwise. */
    public String commitText() {
        if (gitCommit == null || gitCommit.equals(UNKNOWN)) {
            return UNKNOWN;
        }
        return gitCommit + (gitDirty == null ? " (dirty: unknown)" : gitDirty ? " (dirty)" : "");
    }
}
