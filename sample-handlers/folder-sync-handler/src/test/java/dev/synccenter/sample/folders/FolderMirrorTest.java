package dev.synccenter.sample.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror on real temporary folders. */
class FolderMirrorTest {

    @TempDir
    Path dir;

    final List<String> progress = new ArrayList<>();
    final FolderMirror.Listener recorder = new FolderMirror.Listener() {
        @Override
        public void progress(long step, long total, String text) {
            progress.add(step + "/" + total + " " + text);
        }

        @Override
        public void problem(String relativePath, String what, IOException cause) {
            progress.add("problem " + relativePath);
        }
    };

    @Test
    void newChangedAndRemovedFilesEndUpAsInTheSource() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path target = dir.resolve("target");
        Files.writeString(source.resolve("a.txt"), "alpha");
        Files.createDirectories(source.resolve("sub/deeper"));
        Files.writeString(source.resolve("sub/deeper/b.txt"), "beta");
        assertThat(FolderMirror.mirror(source, target, () -> true, recorder)).isEqualTo(FolderMirror.Outcome.DONE);
        assertThat(tree(target)).isEqualTo(tree(source));

        Files.writeString(source.resolve("a.txt"), "alpha, changed");
        Files.delete(source.resolve("sub/deeper/b.txt"));
        Files.delete(source.resolve("sub/deeper"));
        Files.writeString(source.resolve("c.txt"), "gamma");
        Files.writeString(target.resolve("stray.txt"), "only in the target");
        progress.clear();
        assertThat(FolderMirror.mirror(source, target, () -> true, recorder)).isEqualTo(FolderMirror.Outcome.DONE);
        assertThat(tree(target)).isEqualTo(tree(source));
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("alpha, changed");
        assertThat(progress).contains("1/5 removing sub/deeper/b.txt").anyMatch(p -> p.endsWith("copying c.txt"));

        progress.clear();
        assertThat(FolderMirror.mirror(source, target, () -> true, recorder)).isEqualTo(FolderMirror.Outcome.DONE);
        assertThat(progress).as("nothing to do the second time").isEmpty();
    }

    @Test
    void aCopyCancelledMidwayLeavesNoHalfFileUnderItsFinalName() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.write(source.resolve("big.bin"), new byte[FolderMirror.CHUNK * 8]);
        Files.writeString(target.resolve("big.bin"), "the old version");
        AtomicBoolean goOn = new AtomicBoolean(true);
        FolderMirror.Listener cancelAfterFirstChunk = new FolderMirror.Listener() {
            @Override
            public void progress(long step, long total, String text) {
            }

            @Override
            public void problem(String relativePath, String what, IOException cause) {
            }

            @Override
            public void chunkCopied(Path file, long bytesSoFar) {
                goOn.set(false);
                assertThat(Files.exists(file.resolveSibling("big.bin" + FolderMirror.TEMP_SUFFIX))).isTrue();
            }
        };
        assertThat(FolderMirror.mirror(source, target, goOn::get, cancelAfterFirstChunk))
                .isEqualTo(FolderMirror.Outcome.CANCELED);
        assertThat(Files.readString(target.resolve("big.bin"))).as("the old file is untouched").isEqualTo("the old version");
        assertThat(Files.exists(target.resolve("big.bin" + FolderMirror.TEMP_SUFFIX))).as("no temporary file left").isFalse();
    }

    @Test
    void aMissingSourceIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> FolderMirror.mirror(dir.resolve("nothing"), dir.resolve("t"), () -> true, recorder))
                .isInstanceOf(IOException.class);
    }

    /** Relative path to content ("/" for folders), for comparing two trees. */
    static java.util.Map<String, String> tree(Path root) throws IOException {
        java.util.Map<String, String> all = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                all.put(root.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return all;
    }
}
