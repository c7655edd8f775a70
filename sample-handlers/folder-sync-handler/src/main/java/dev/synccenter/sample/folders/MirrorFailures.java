package dev.synccenter.sample.folders;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.synccenter.handler.ItemFailure;

/**
 * Why a pair failed, and whether another attempt could go better (C42). The rule:
 * <ul>
 * <li>the source folder is missing, or is not a folder: <b>transient</b>. A removable disk or a
 * network share that is not mounted right now looks exactly like that, and it comes back;</li>
 * <li>access is denied (to the source folder, or to a file to copy or remove): <b>permanent</b>,
 * since only a change of permissions helps, and a pair with such a file fails permanently whatever
 * else went wrong;</li>
 * <li>any other I/O error (a file that vanished or changed during its copy, a full disk, a mount
 * that went away in the middle): <b>transient</b>.</li>
 * </ul>
 */
final class MirrorFailures {

    /** File names a reason lists at most; the platform cuts reasons at 259 characters anyway. */
    static final int NAMES_SHOWN = 3;

    private final List<String> denied = new ArrayList<>();
    private final List<String> others = new ArrayList<>();

    /** A file the mirror could not copy or remove; it went on with the others. */
    void add(String relativePath, IOException cause) {
        (cause instanceof AccessDeniedException ? denied : others).add(relativePath);
    }

    boolean any() {
        return !denied.isEmpty() || !others.isEmpty();
    }

    /** The pair's failure after a mirror with file problems; null if there were none. */
    ItemFailure failure() {
        if (!denied.isEmpty()) {
            return ItemFailure.permanent("permission denied for " + files(denied));
        }
        if (!others.isEmpty()) {
            return ItemFailure.transientFailure("could not sync " + files(others) + " this time");
        }
        return null;
    }

    /** The pair's failure when the whole mirror failed before or while listing the folders. */
    static ItemFailure ofMirror(Path source, IOException cause) {
        if (!Files.isDirectory(source)) {
            return ItemFailure.transientFailure("source folder " + source + " is not reachable (disconnected mount?)");
        }
        if (cause instanceof AccessDeniedException denied) {
            return ItemFailure.permanent("permission denied: " + denied.getFile());
        }
        return ItemFailure.transientFailure("folder sync failed: " + cause);
    }

    private static String files(List<String> paths) {
        String shown = String.join(", ", paths.subList(0, Math.min(NAMES_SHOWN, paths.size())));
        return paths.size() + (paths.size() == 1 ? " file (" : " files (") + shown
                + (paths.size() > NAMES_SHOWN ? ", ...)" : ")");
    }
}
