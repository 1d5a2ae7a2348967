package dev.livetalk.bench.cli;

import dev.livetalk.metrics.results.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit of the tool's checkout, read from .git without running git; unknown, never a failure, without one. */
class CheckoutTest {
    private static final String ID = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path dir;

    @Test
    void shouldFindNoCommitAndNoDirtyFlagOutsideACheckout() {
        assertThat(Checkout.commit(dir)).isEmpty();
        assertThat(Checkout.dirty(dir)).isEmpty();
    }

    @Test
    void shouldReadALooseBranchRefFromHereOrAFolderBelow() throws Exception {
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), ID + "\n");
        Path below = Files.createDirectories(dir.resolve("bench/target"));

        assertThat(Checkout.commit(dir)).contains(ID);
        assertThat(Checkout.commit(below)).contains(ID);
    }

    @Test
    void shouldReadAPackedRefAndADetachedHead() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + OTHER + " refs/heads/other\n" + ID + " refs/heads/main\n");
        assertThat(Checkout.commit(dir)).contains(ID);

        Files.writeString(dir.resolve(".git/HEAD"), OTHER + "\n");
        assertThat(Checkout.commit(dir)).contains(OTHER);
    }

    @Test
    void shouldFollowAWorktreeToItsGitDirAndTheSharedRefs() throws Exception {
        Path main = dir.resolve("main");
        Path linked = Files.createDirectories(main.resolve(".git/worktrees/wt"));
        Files.createDirectories(main.resolve(".git/refs/heads"));
        Files.writeString(main.resolve(".git/refs/heads/feature"), ID + "\n");
        Files.writeString(linked.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(linked.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + linked + "\n");

        assertThat(Checkout.commit(worktree)).contains(ID);
    }

    @Test
    void shouldCallAnUnreadableHeadUnknown() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/gone\n");
        assertThat(Checkout.commit(dir)).isEmpty();
        Files.writeString(dir.resolve(".git/HEAD"), "garbage\n");
        assertThat(Checkout.commit(dir)).isEmpty();

        Invocation i = InvocationOf.of(new picocli.CommandLine(new LivetalkCommand()).getCommandSpec(),
                Instant.parse("2026-12-04T12:00:00Z"), dir);
        assertThat(i.gitCommit()).isEqualTo(Invocation.UNKNOWN);
        assertThat(i.gitDirty()).isNull();
        assertThat(i.commitText()).isEqualTo("unknown");
        assertThat(i.toolVersion()).startsWith("livetalk ");
    }

    @Test
    void shouldQuoteArgumentsAShellWouldSplitOrExpand() {
        assertThat(InvocationOf.commandLine("livetalk", List.of("run", "scenarios/outage.yaml", "--network", "sim",
                "--strategies", "reconcile,gap-fill", "--out", "my reports", "--seed=7", "it's")))
                .isEqualTo("livetalk run scenarios/outage.yaml --network sim --strategies reconcile,gap-fill"
                        + " --out 'my reports' --seed=7 'it'\\''s'");
        assertThat(Optional.of(InvocationOf.commandLine("livetalk", List.of()))).contains("livetalk");
    }
}
