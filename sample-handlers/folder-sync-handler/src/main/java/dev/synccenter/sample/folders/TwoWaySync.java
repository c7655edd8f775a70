package dev.synccenter.sample.folders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import dev.synccenter.sample.folders.PairState.Stamp;

/**
 * Syncs a two-way pair: a file changed on one side since the last sync ({@link PairState}) is
 * copied to, or deleted from, the other; a file changed on both sides is a conflict (C46), left
 * alone on both sides until it is resolved ({@link FolderConflicts}). One job, no OSGi.
 *
 * <p>A change beats a deletion (the changed file comes back on the side that deleted it): losing a
 * deletion costs a delete, losing a change costs the work. Files in conflict and files removed from
 * the sync set are not touched, nor are files whose names the state files cannot hold. Folders are
 * created as their files need them; an emptied folder is left in place.
 */
final class TwoWaySync {

    private TwoWaySync() {
    }

    /** Syncs; the caller holds the state's lock and saves it afterwards, whatever the outcome. */
    static FolderMirror.Outcome sync(Path source, Path target, PairState state, BooleanSupplier canContinue,
            FolderMirror.Listener listener) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new NoSuchFileException(source.toString(), null, "the source folder does not exist");
        }
        Files.createDirectories(target);
        TreeMap<String, Path> sourceFiles = FolderMirror.list(source);
        TreeMap<String, Path> targetFiles = FolderMirror.list(target);
        TreeSet<String> all = new TreeSet<>(sourceFiles.keySet());
        all.addAll(targetFiles.keySet());
        all.addAll(state.syncedFiles()); // deleted on both sides: forgotten below
        List<String> work = new ArrayList<>();
        for (String relative : all) {
            if (state.inConflict(relative) || state.excluded(relative) || !PairState.recordable(relative)
                    || Files.isDirectory(source.resolve(relative)) || Files.isDirectory(target.resolve(relative))) {
                continue;
            }
            Stamp s = Stamp.of(source.resolve(relative));
            Stamp t = Stamp.of(target.resolve(relative));
            if (Objects.equals(s, t)) {
                state.synced(relative, s); // equal (or gone) on both sides
            } else {
                work.add(relative);
            }
        }
        long step = 0;
        boolean problems = false;
        for (String relative : work) {
            if (!canContinue.getAsBoolean()) {
                return FolderMirror.Outcome.CANCELED;
            }
            try {
                if (!syncFile(relative, source, target, state, canContinue, listener, ++step, work.size())) {
                    return FolderMirror.Outcome.CANCELED;
                }
            } catch (IOException e) {
                listener.problem(relative, "sync", e);
                problems = true;
            }
        }
        return problems ? FolderMirror.Outcome.DONE_WITH_PROBLEMS : FolderMirror.Outcome.DONE;
    }

    /** One file that differs between the sides; false if cancelled. */
    private static boolean syncFile(String relative, Path source, Path target, PairState state,
            BooleanSupplier canContinue, FolderMirror.Listener listener, long step, long total) throws IOException {
        Path s = source.resolve(relative);
        Path t = target.resolve(relative);
        Stamp last = state.synced(relative);
        Stamp sNow = Stamp.of(s);
        Stamp tNow = Stamp.of(t);
        boolean sourceChanged = !Objects.equals(sNow, last);
        boolean targetChanged = !Objects.equals(tNow, last);
        if (sourceChanged && targetChanged && sNow != null && tNow != null) {
            // Both changed (or both new, never synced): neither may overwrite the other.
            listener.progress(step, total, "conflict " + relative);
            state.conflict(relative);
            listener.conflict(relative);
            return true;
        }
        // One side changed, or one changed and the other deleted: the change wins.
        boolean fromSource = !targetChanged || (sourceChanged && sNow != null);
        Path from = fromSource ? s : t;
        Path to = fromSource ? t : s;
        if (Files.isRegularFile(from)) {
            listener.progress(step, total, "copying " + relative + (fromSource ? " to the target" : " to the source"));
            if (!FolderMirror.copy(from, to, canContinue, listener)) {
                return false;
            }
            state.synced(relative, Stamp.of(from));
        } else {
            listener.progress(step, total,
                    "removing " + relative + (fromSource ? " from the target" : " from the source"));
            Files.deleteIfExists(to);
            state.synced(relative, null);
        }
        listener.changed(relative);
        return true;
    }
}
