package dev.synccenter.shell;

import static dev.synccenter.shell.FilesWithConflicts.conflict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ResolutionAbility;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncRefusedException;

/**
 * The commands of conflicts (C46, C47) on the real engine: {@code conflicts} shows each conflict's
 * type, versions and abilities; {@code resolve} runs the handler's resolver with one choice and
 * prints one line per outcome ({@link FilesWithConflicts} is the handler with a conflict store).
 */
class ConflictCommandsTest {

    static final String FILES = FilesWithConflicts.ID;
    static final Set<ResolutionAbility> ALL = EnumSet.allOf(ResolutionAbility.class);

    @TempDir
    static Path dir;
    final EngineOnAClock platform = new EngineOnAClock(dir);
    final FilesWithConflicts files = new FilesWithConflicts(platform.engine);

    @AfterEach
    void close() {
        platform.close();
    }

    private void withConflicts(SyncConflict... conflicts) {
        files.report(conflicts);
    }

    private List<String> listed() {
        return files.listed();
    }

    private String run(String command, String... args) throws InterruptedException {
        return platform.run(command, args);
    }

    // C46
    @Test
    void c46_conflictsShowsEachConflictsTypeAbilitiesAndVersionsByIndex() throws Exception {
        assertThat(run("conflicts")).isEqualTo("no conflicts\n");
        withConflicts(conflict("c1", "both", EnumSet.of(ResolutionAbility.KEEP_RECENT, ResolutionAbility.KEEP_SINGLE)),
                new SyncConflict("c2", null, "docs", "Old", "listed only", "", List.of(), Set.of()));
        List<String> lines = run("conflicts", FILES).lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).matches("HANDLER\\s+ITEM\\s+ID\\s+TYPE\\s+NAME\\s+DESCRIPTION\\s+ABILITIES");
        assertThat(lines.get(1)).matches("files\\s+docs\\s+c1\\s+both\\s+File c1\\s+changed on both sides\\s+"
                + "KEEP_RECENT,KEEP_SINGLE");
        assertThat(lines.get(2)).matches("files\\s+docs\\s+c2\\s+-\\s+Old\\s+listed only\\s+-");
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.get(4)).matches("HANDLER\\s+CONFLICT\\s+VERSION\\s+NAME\\s+LOCATION\\s+MODIFIED\\s+SIZE");
        assertThat(lines.get(5)).matches("files\\s+c1\\s+0\\s+c1.txt\\s+laptop\\s+"
                + Formats.iso(FilesWithConflicts.T10) + "\\s+10");
        assertThat(lines.get(6)).matches("files\\s+c1\\s+1\\s+c1.txt\\s+server\\s+"
                + Formats.iso(FilesWithConflicts.T11) + "\\s+12");
        assertThat(run("conflicts", EngineOnAClock.HANDLER)).isEqualTo("no conflicts\n");
        assertThat(run("conflicts", FILES, "other")).isEqualTo("no conflicts\n");
    }

    // C46, C47
    @Test
    void c46_c47_resolveRunsTheChoiceAndPrintsOneLinePerOutcomeAndTheConflictLeavesTheList() throws Exception {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL), conflict("c3", "both", ALL));
        assertThat(run("resolve", FILES, "c1", "--keep", "0", "--keep=1=c1 (server).txt"))
                .isEqualTo("conflict c1: RESOLVED\n");
        assertThat(run("resolve", FILES, "c2", "--keep-other", "/srv/merged/c2.txt")).isEqualTo("conflict c2: RESOLVED\n");
        assertThat(run("resolve", FILES, "c3", "--remove")).isEqualTo("conflict c3: RESOLVED\n");
        assertThat(files.calls).containsExactly(
                "keepItems[Kept[index=0, newName=null], Kept[index=1, newName=c1 (server).txt]] c1",
                "keepOther(/srv/merged/c2.txt) c2", "removeFromSyncSet c3");
        assertThat(listed()).isEmpty();
        assertThat(run("conflicts")).isEqualTo("no conflicts\n");
    }

    // C46
    @Test
    void c46_resolveAllAppliesTheChoiceToTheOtherConflictsOfTheSameType() throws Exception {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL), conflict("c3", "deleted", ALL),
                conflict("c4", "both", EnumSet.of(ResolutionAbility.KEEP_SINGLE)));
        assertThat(run("resolve", FILES, "c2", "--keep-recent", "--all")).isEqualTo("conflict c2: RESOLVED\n"
                + "conflict c1: RESOLVED\nconflict c4: SKIPPED (it does not offer KEEP_RECENT)\n");
        assertThat(listed()).containsExactly("c3", "c4");
    }

    // C47
    @Test
    void c47_aResolvedConflictStaysListedUntilTheStoreNoLongerReportsIt() throws Exception {
        withConflicts(conflict("c1", "both", ALL));
        files.removes = false;
        assertThat(run("resolve", FILES, "c1", "--keep-recent")).isEqualTo("conflict c1: RESOLVED\n");
        assertThat(run("conflicts")).contains(" c1 ");
        files.report(); // the handler resolved it on its own: its store no longer reports it
        assertThat(run("conflicts")).isEqualTo("no conflicts\n");
    }

    // C47
    @Test
    void c47_aFailedResolutionIsPrintedAndExitsNonZeroAndTheConflictStaysListed() throws Exception {
        withConflicts(conflict("c1", "both", ALL), conflict("c2", "both", ALL));
        files.throwing = new IllegalStateException("disk full");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> platform.commands.execute("resolve", List.of(FILES, "c1", "c2", "--keep-recent"), out))
                .isInstanceOf(NotResolvedException.class)
                .hasMessage("resolve: 2 of 2 conflict(s) FAILED; they stay listed, with an error event (C47)")
                .satisfies(e -> assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.ERROR));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
                .allSatisfy(l -> assertThat(l).matches("conflict c[12]: FAILED \\(resolving it with KEEP_RECENT .*disk"
                        + " full.*\\)"));
        assertThat(listed()).containsExactly("c1", "c2");
        assertThat(run("events", "--handler", FILES, "--level", "ERROR")).contains("Conflict not resolved");
    }

    // C46
    @Test
    void c46_badArgumentsAreNamedAndResolveNothing() throws Exception {
        withConflicts(conflict("c1", "both", EnumSet.of(ResolutionAbility.KEEP_RECENT, ResolutionAbility.KEEP_SINGLE)));
        String usage = "; usage: resolve <handler> <conflictId>... [--keep-recent] [--keep n|n=name] [--keep-other"
                + " location] [--remove] [--all]";
        assertThatThrownBy(() -> run("resolve", FILES)).isInstanceOf(UsageException.class)
                .hasMessage("resolve: missing argument <conflictId>" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1")).isInstanceOf(UsageException.class)
                .hasMessage("resolve: give exactly one of --keep-recent, --keep (which may repeat), --keep-other and"
                        + " --remove" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep-recent", "--remove"))
                .hasMessageStartingWith("resolve: give exactly one of");
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep", "first"))
                .hasMessage("resolve: --keep must be a whole number, was 'first'" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep", "1="))
                .hasMessage("resolve: --keep '1=' gives no new name after '='" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep", "5")).isInstanceOf(UsageException.class)
                .hasMessage("resolve: --keep conflict 'c1' has 2 versions; there is no version 5" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--remove")).isInstanceOf(UsageException.class)
                .hasMessage("resolve: <conflictId> conflict 'c1' offers [KEEP_RECENT, KEEP_SINGLE], not"
                        + " REMOVE_FROM_SYNC_SET (C46)" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep", "0", "--keep", "1"))
                .hasMessageContaining("not KEEP_MULTIPLE");
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep-other", " ")).isInstanceOf(UsageException.class)
                .hasMessage("resolve: --keep-other gives no location: say where the version to keep is" + usage);
        assertThatThrownBy(() -> run("resolve", FILES, "nope", "--keep-recent")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("resolve: <conflictId> handler 'files' lists no conflict 'nope' now");
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "c1", "--keep-recent"))
                .hasMessageStartingWith("resolve: <conflictId> names conflict 'c1' twice");
        assertThatThrownBy(() -> run("resolve", "nobody", "c1", "--keep-recent")).isInstanceOf(SyncArgumentException.class)
                .hasMessage("handlerId: no handler 'nobody' is registered or parked");
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep-recent", "--everything"))
                .hasMessageStartingWith("resolve: unknown option --everything");
        assertThat(files.calls).isEmpty();
        assertThat(listed()).containsExactly("c1");
    }

    // C46
    @Test
    void c46_aHandlerWithoutAResolverIsRefused() throws Exception {
        files.withResolver = false;
        withConflicts(conflict("c1", "both", ALL));
        assertThatThrownBy(() -> run("resolve", FILES, "c1", "--keep-recent")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("handler 'files' resolves no conflicts");
        assertThat(listed()).containsExactly("c1");
    }

    @Test
    void helpShowsTheConflictCommands() throws Exception {
        assertThat(run("help", "conflicts").lines()).first().isEqualTo("usage: sync:conflicts [handler [item]]");
        assertThat(run("help", "resolve").lines()).first().isEqualTo("usage: sync:resolve <handler>"
                + " <conflictId>... [--keep-recent] [--keep n|n=name] [--keep-other location] [--remove] [--all]");
    }
}
