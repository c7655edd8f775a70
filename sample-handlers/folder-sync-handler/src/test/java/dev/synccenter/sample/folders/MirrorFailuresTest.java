package dev.synccenter.sample.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.SyncControl;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.SyncCallback;

/**
 * C42 in the folder-sync handler: which failures are worth another attempt. The handler is driven
 * directly, without the engine (whose retries are not this sample's to test), and reports to a
 * callback that records the final word on each item.
 */
class MirrorFailuresTest {

    @TempDir
    Path dir;

    FolderSyncHandler handler;
    final List<String> reports = new ArrayList<>();

    /** A control service that ignores everything: the watcher's own syncs must not run here. */
    static SyncControl ignoringControl() {
        return (SyncControl) Proxy.newProxyInstance(MirrorFailuresTest.class.getClassLoader(),
                new Class<?>[] {SyncControl.class}, (proxy, method, args) -> null);
    }

    /** Records reportFailure and the final statuses of reportProgress; the session goes on. */
    SyncCallback recorder() {
        return (SyncCallback) Proxy.newProxyInstance(MirrorFailuresTest.class.getClassLoader(),
                new Class<?>[] {SyncCallback.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "reportFailure" -> {
                        ItemFailure f = (ItemFailure) args[1];
                        reports.add(args[0] + " " + f.kind() + ": " + f.reason());
                        yield CancelRequest.NONE;
                    }
                    case "reportProgress" -> {
                        if (!args[2].toString().startsWith("UPDATING")) {
                            reports.add(args[0] + " " + args[2]);
                        }
                        yield CancelRequest.NONE;
                    }
                    case "setHandlerProgressText" -> CancelRequest.NONE;
                    case "canContinue" -> true;
                    case "reportEvent" -> UUID.randomUUID();
                    default -> null;
                });
    }

    void sync(Path source, Path target) throws IOException {
        handler = new FolderSyncHandler(ignoringControl());
        handler.bindPair(new FolderPair("photos", "Photos", source, target));
        handler.synchronize(List.of("photos"), recorder(), null, 1);
    }

    @AfterEach
    void stop() {
        if (handler != null) {
            handler.deactivate();
        }
    }

    @Test
    void aSourceOnADisconnectedMountIsATransientFailureAndNothingIsWrittenInItsPlace() throws IOException {
        Path mountPoint = Files.createDirectories(dir.resolve("mnt/usb"));
        Path source = mountPoint.resolve("photos");
        sync(source, dir.resolve("target"));
        assertThat(reports).containsExactly("photos TRANSIENT: source folder " + source
                + " is not reachable (disconnected mount?)");
        assertThat(dir.resolve("target")).doesNotExist();
        assertThat(mountPoint).isEmptyDirectory();
    }

    @Test
    void aFileThatChangesDuringItsCopyIsATransientFailureAndTheOthersAreSynced() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Path target = dir.resolve("target");
        Files.write(source.resolve("big.bin"), new byte[FolderMirror.CHUNK * 2]);
        Files.writeString(source.resolve("small.txt"), "fine");
        handler = new FolderSyncHandler(ignoringControl());
        // big.bin's temporary file vanishes under the copy, as when something else cleans the target.
        handler.chunkHook = (file, bytes) -> {
            try {
                if (file.getFileName().toString().equals("big.bin")) {
                    Files.deleteIfExists(file.resolveSibling("big.bin" + FolderMirror.TEMP_SUFFIX));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        handler.bindPair(new FolderPair("photos", "Photos", source, target));
        handler.synchronize(List.of("photos"), recorder(), null, 1);
        assertThat(reports).containsExactly("photos TRANSIENT: could not sync 1 file (big.bin) this time");
        assertThat(target.resolve("small.txt")).hasContent("fine");
        assertThat(target.resolve("big.bin")).doesNotExist();
    }

    @Test
    void aPairWithoutProblemsSucceedsWithoutAFailure() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("a.txt"), "a");
        sync(source, dir.resolve("target"));
        assertThat(reports).containsExactly("photos SUCCEEDED");
    }

    // ---- the rule, on the exceptions the mirror reports (as root, a test cannot be denied access)

    @Test
    void accessDeniedIsPermanentWhateverElseWentWrong() {
        MirrorFailures failures = new MirrorFailures();
        assertThat(failures.any()).isFalse();
        assertThat(failures.failure()).isNull();
        failures.add("a/locked.txt", new AccessDeniedException("/t/a/locked.txt"));
        failures.add("b.txt", new FileSystemException("/t/b.txt", null, "No space left on device"));
        assertThat(failures.failure()).isEqualTo(ItemFailure.permanent("permission denied for 1 file (a/locked.txt)"));
    }

    @Test
    void otherFileProblemsAreTransientAndAtMostThreeAreNamed() {
        MirrorFailures failures = new MirrorFailures();
        for (String name : List.of("1.txt", "2.txt", "3.txt", "4.txt")) {
            failures.add(name, new NoSuchFileException(name));
        }
        assertThat(failures.failure())
                .isEqualTo(ItemFailure.transientFailure("could not sync 4 files (1.txt, 2.txt, 3.txt, ...) this time"));
    }

    @Test
    void whenTheWholeMirrorFailsOnAnExistingSourceAccessDeniedIsPermanentAndTheRestTransient() {
        assertThat(MirrorFailures.ofMirror(dir, new AccessDeniedException("/src/private")))
                .isEqualTo(ItemFailure.permanent("permission denied: /src/private"));
        assertThat(MirrorFailures.ofMirror(dir, new IOException("Input/output error")).kind())
                .isEqualTo(ItemFailure.Kind.TRANSIENT);
    }
}
