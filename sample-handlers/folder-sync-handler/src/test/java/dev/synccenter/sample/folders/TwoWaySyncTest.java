package dev.synccenter.sample.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TwoWaySync} on real temporary folders, without the engine: which side wins, and its durable state. */
class TwoWaySyncTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    Path source;
    Path target;
    final List<String> conflicts = new ArrayList<>();

    @BeforeEach
    void folders() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        target = dir.resolve("target");
    }

    static void write(Path file, String text, long secondsAfterT0) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(T0.plusSeconds(secondsAfterT0)));
    }

    /** One sync with the state as saved by the last one, as the handler does after a restart. */
    FolderMirror.Outcome sync() throws IOException {
        Files.createDirectories(target);
        PairState state = PairState.load(target);
        try {
            return TwoWaySync.sync(source, target, state, () -> true, new FolderMirror.Listener() {
                @Override
                public void progress(long step, long total, String text) {
                }

                @Override
                public void problem(String relativePath, String what, IOException cause) {
                    throw new AssertionError(relativePath, cause);
                }

                @Override
                public void conflict(String relativePath) {
                    conflicts.add(relativePath);
                }
            });
        } finally {
            state.save();
        }
    }

    @Test
    void changesOnOneSideGoToTheOtherBothWays() throws IOException {
        write(source.resolve("a.txt"), "a", 0);
        write(source.resolve("sub/b.txt"), "b", 0);
        assertThat(sync()).isEqualTo(FolderMirror.Outcome.DONE);
        write(target.resolve("sub/b.txt"), "b from the target", 10);
        write(target.resolve("new.txt"), "new", 10);
        Files.delete(target.resolve("a.txt"));
        sync();
        assertThat(source.resolve("sub/b.txt")).hasContent("b from the target");
        assertThat(source.resolve("new.txt")).hasContent("new");
        assertThat(source.resolve("a.txt")).doesNotExist();
        assertThat(FolderMirrorTest.tree(target)).isEqualTo(FolderMirrorTest.tree(source));
        assertThat(conflicts).isEmpty();
        assertThat(PairState.folderOf(target)).isDirectory().satisfies(
                f -> assertThat(f.getParent()).isEqualTo(dir)); // beside the target, synced by neither side
    }

    // C46: a change beats a deletion; a change on both sides is a conflict and nothing is overwritten
    @Test
    void aChangeBeatsADeletionAndAChangeOnBothSidesIsAConflict() throws IOException {
        write(source.resolve("kept.txt"), "v1", 0);
        write(source.resolve("both.txt"), "v1", 0);
        sync();
        write(source.resolve("kept.txt"), "v2 in the source", 10);
        Files.delete(target.resolve("kept.txt"));
        write(source.resolve("both.txt"), "source", 10);
        write(target.resolve("both.txt"), "target!", 20);
        sync();
        assertThat(target.resolve("kept.txt")).hasContent("v2 in the source");
        assertThat(conflicts).containsExactly("both.txt");
        assertThat(PairState.load(target).conflicts()).containsExactly("both.txt");
        sync(); // still in conflict, still untouched, and not reported again
        assertThat(conflicts).containsExactly("both.txt");
        assertThat(source.resolve("both.txt")).hasContent("source");
        assertThat(target.resolve("both.txt")).hasContent("target!");
    }

    @Test
    void aFileWhoseNameHoldsALineBreakIsNotSyncedSinceTheStateCannotRecordIt() throws IOException {
        write(source.resolve("line\nbreak.txt"), "x", 0);
        write(source.resolve("fine.txt"), "y", 0);
        assertThat(sync()).isEqualTo(FolderMirror.Outcome.DONE);
        assertThat(target.resolve("fine.txt")).hasContent("y");
        assertThat(target.resolve("line\nbreak.txt")).doesNotExist();
        assertThat(PairState.load(target).syncedFiles()).containsExactly("fine.txt");
    }
}
