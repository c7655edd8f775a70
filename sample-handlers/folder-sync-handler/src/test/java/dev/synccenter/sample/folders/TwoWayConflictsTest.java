package dev.synccenter.sample.folders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ConflictChoice;
import dev.synccenter.control.ConflictVersion;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.ResolutionOutcome;
import dev.synccenter.control.ResolutionOutcome.Result;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/**
 * A two-way folder pair's conflicts through the real engine (C46, C47), on real temporary folders:
 * listed with their versions and abilities, resolved each way, and kept across a restart.
 */
class TwoWayConflictsTest {

    static final Instant BASE = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    SqlStore store;
    SyncEngine engine;
    FolderSyncHandler handler;
    long serviceId;
    Path source;
    Path target;

    @BeforeEach
    void start() throws Exception {
        source = Files.createDirectories(dir.resolve("source"));
        target = dir.resolve("target");
        // Written before the pair is watched, so that only the explicit sync below copies it.
        write(source.resolve("a.txt"), "base", BASE);
        store = SqlStore.open("jdbc:sqlite:" + dir.resolve("sync-center.db"));
        engine = new SyncEngine(EngineSettings.defaults(), store);
        startHandler();
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(target.resolve("a.txt")).hasContent("base");
    }

    /** A new handler instance on the same folders and state files, as after a restart. */
    void startHandler() {
        try {
            handler = new FolderSyncHandler(engine);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        handler.bindPair(new FolderPair("docs", "Docs", source, target, true));
        engine.handlerAdded(new HandlerRef(++serviceId, 0, FolderSyncHandler.ID, "folders", handler));
        await().atMost(FolderSyncHandlerTest.WAIT).until(() -> engine.handler(FolderSyncHandler.ID)
                .map(h -> h.items().size() == 1).orElse(false));
    }

    void stopHandler() {
        handler.deactivate();
        engine.handlerRemoved(new HandlerRef(serviceId, 0, FolderSyncHandler.ID, "folders", handler));
    }

    @AfterEach
    void stop() {
        handler.deactivate();
        engine.close();
        store.close();
    }

    static void write(Path file, String text, Instant modified) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    ProgressStatus sync() throws Exception {
        return FolderSyncHandlerTest.resultOf(engine.startItemSync(FolderSyncHandler.ID, List.of("docs"), null,
                Set.of(), null)).status();
    }

    List<SyncConflict> listed() {
        return engine.conflicts(FolderSyncHandler.ID, null);
    }

    /**
     * a.txt changed on both sides since the last sync, the target more recently; synced. Both are
     * changed while the handler is stopped: a change on either side starts a sync by itself, which
     * would carry the first change over before the second.
     */
    SyncConflict conflictOnBothSides() throws Exception {
        stopHandler();
        write(target.resolve("a.txt"), "target side", BASE.plusSeconds(7200));
        write(source.resolve("a.txt"), "source", BASE.plusSeconds(3600));
        startHandler();
        sync();
        await().atMost(FolderSyncHandlerTest.WAIT).until(() -> listed().size() == 1);
        return listed().get(0);
    }

    List<ResolutionOutcome> resolve(SyncConflict conflict, ConflictChoice choice) {
        return engine.resolveConflicts(FolderSyncHandler.ID, List.of(conflict.id()), choice, false);
    }

    /** Resolves, and checks that the platform's read after the call no longer lists it (C47). */
    void resolved(SyncConflict conflict, ConflictChoice choice) {
        assertThat(resolve(conflict, choice)).extracting(ResolutionOutcome::result).containsExactly(Result.RESOLVED);
        assertThat(listed()).isEmpty();
    }

    @Test
    void aChangeOnEitherSideIsSyncedByItself() throws Exception {
        write(target.resolve("from-target.txt"), "t", BASE);
        await().atMost(FolderSyncHandlerTest.WAIT).until(() -> Files.isRegularFile(source.resolve("from-target.txt")));
        Files.writeString(source.resolve("a.txt"), "changed in the source");
        await().atMost(FolderSyncHandlerTest.WAIT).until(
                () -> Files.readString(target.resolve("a.txt")).equals("changed in the source"));
        assertThat(listed()).isEmpty();
    }

    // C46: listed with a version per side and the abilities; neither side overwritten
    @Test
    void c46_aFileChangedOnBothSidesIsAConflictWithBothVersionsAndNeitherIsOverwritten() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        assertThat(conflict.id()).isEqualTo(FolderConflicts.id("docs", "a.txt"));
        assertThat(conflict.itemId()).isEqualTo("docs");
        assertThat(conflict.name()).isEqualTo("a.txt");
        assertThat(conflict.type()).isEqualTo("changed on both sides");
        assertThat(conflict.abilities()).isEqualTo(FolderConflicts.ABILITIES);
        assertThat(conflict.versions()).containsExactly(
                new ConflictVersion("a.txt", source.resolve("a.txt").toString(), BASE.plusSeconds(3600), 6,
                        "a (source).txt"),
                new ConflictVersion("a.txt", target.resolve("a.txt").toString(), BASE.plusSeconds(7200), 11,
                        "a (target).txt"));
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED); // another sync leaves it alone
        assertThat(source.resolve("a.txt")).hasContent("source");
        assertThat(target.resolve("a.txt")).hasContent("target side");
    }

    // C46, C47: the newer side wins, and the conflict is gone from the platform's list after the call
    @Test
    void c46_c47_keepRecentCopiesTheNewerSideOverTheOther() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        resolved(conflict, ConflictChoice.keepRecent());
        assertThat(source.resolve("a.txt")).hasContent("target side");
        assertThat(target.resolve("a.txt")).hasContent("target side");
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(listed()).isEmpty(); // synced since: no conflict comes back
    }

    // C46, C47
    @Test
    void c46_c47_keepingOneSideCopiesItOverTheOther() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        resolved(conflict, ConflictChoice.keep(0));
        assertThat(source.resolve("a.txt")).hasContent("source");
        assertThat(target.resolve("a.txt")).hasContent("source");
    }

    // C46, C47: both kept, the second under its new name (or its alternate name), on both sides
    @Test
    void c46_c47_keepingBothRenamesTheSecondOnBothSides() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        resolved(conflict, ConflictChoice.keepItems(List.of(new ConflictChoice.Kept(1, null),
                new ConflictChoice.Kept(0, null))));
        for (Path side : List.of(source, target)) {
            assertThat(side.resolve("a.txt")).hasContent("target side");
            assertThat(side.resolve("a (source).txt")).hasContent("source");
        }
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(FolderMirrorTest.tree(target)).isEqualTo(FolderMirrorTest.tree(source));
        assertThat(listed()).isEmpty();
    }

    // C46, C47
    @Test
    void c46_c47_keepingBothWithANewName() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        resolved(conflict, ConflictChoice.keepItems(List.of(new ConflictChoice.Kept(0, null),
                new ConflictChoice.Kept(1, "a-mine.txt"))));
        for (Path side : List.of(source, target)) {
            assertThat(side.resolve("a.txt")).hasContent("source");
            assertThat(side.resolve("a-mine.txt")).hasContent("target side");
        }
    }

    // C46, C47: excluded from then on, durably; the files stay as they are
    @Test
    void c46_c47_removeFromSyncSetLeavesTheFileOutOfLaterSyncs() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        resolved(conflict, ConflictChoice.removeFromSyncSet());
        write(source.resolve("a.txt"), "source again", BASE.plusSeconds(9000));
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(target.resolve("a.txt")).hasContent("target side");
        stopHandler();
        startHandler(); // still excluded after a restart
        assertThat(sync()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(target.resolve("a.txt")).hasContent("target side");
        assertThat(listed()).isEmpty();
    }

    // C46: the conflict store is the handler's own files
    @Test
    void c46_anUnresolvedConflictIsStillListedAfterARestart() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        stopHandler();
        startHandler();
        engine.updateConflicts(FolderSyncHandler.ID, null, Set.of(ControlFlag.WAIT)); // the new instance's store
        assertThat(listed()).hasSize(1);
        assertThat(listed().get(0).id()).isEqualTo(conflict.id());
        resolved(listed().get(0), ConflictChoice.keepRecent());
    }

    // C47: a resolution that cannot be done fails, and the conflict stays listed
    @Test
    void c47_aResolutionWhoseFileVanishedOrWhoseNewNameIsTakenFailsAndTheConflictStays() throws Exception {
        SyncConflict conflict = conflictOnBothSides();
        Files.writeString(source.resolve("taken.txt"), "another file");
        assertThat(resolve(conflict, ConflictChoice.keepItems(List.of(new ConflictChoice.Kept(0, null),
                new ConflictChoice.Kept(1, "taken.txt"))))).extracting(ResolutionOutcome::result)
                .containsExactly(Result.FAILED); // a new name must not overwrite another file
        assertThat(source.resolve("taken.txt")).hasContent("another file");
        Files.delete(target.resolve("a.txt"));
        ResolutionOutcome outcome = resolve(conflict, ConflictChoice.keep(1)).get(0);
        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.message()).contains("a.txt");
        assertThat(resolve(conflict, ConflictChoice.keepRecent())).extracting(ResolutionOutcome::result)
                .containsExactly(Result.FAILED);
        assertThat(listed()).extracting(SyncConflict::id).containsExactly(conflict.id());
        assertThat(source.resolve("a.txt")).hasContent("source"); // nothing was done
    }
}
