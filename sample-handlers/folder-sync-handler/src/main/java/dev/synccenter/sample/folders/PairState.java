package dev.synccenter.sample.folders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * What a two-way pair remembers between syncs, in its own files, so that it survives a restart:
 * each file as it was at the last sync (size and modification time), the files in conflict, and the
 * files removed from the sync set. Without the first, "changed on both sides since the last sync"
 * cannot be told from "changed on one side"; without the others, a restart would forget the
 * conflicts the platform lists and sync files the user took out of the sync set.
 *
 * <p>The files live in a hidden folder beside the target folder ({@code .<target name>.folder-sync}),
 * not inside either synced folder, so that they are never synced themselves. Each is rewritten
 * whole through a temporary file and a rename: a crash leaves the old state or the new one. Callers
 * hold the instance's lock while they change and save it; {@link #conflicts()} may be read without.
 */
final class PairState {

    /** A file as a sync saw it. Copies keep the modification time, so both sides get the same stamp. */
    record Stamp(long size, long modifiedMillis) {
        /** The stamp of a regular file, or null if there is none (no file, or a folder). */
        static Stamp of(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }

        static Stamp parse(String text) {
            String[] parts = text.trim().split(" ");
            return new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }

        @Override
        public String toString() {
            return size + " " + modifiedMillis;
        }
    }

    private final Path folder;
    private final Map<String, Stamp> synced = new TreeMap<>();
    /** Concurrent: the platform lists conflicts without waiting for a running sync of the pair. */
    private final Set<String> conflicts = new ConcurrentSkipListSet<>();
    private final Set<String> excluded = new TreeSet<>();

    private PairState(Path folder) {
        this.folder = folder;
    }

    /** The state folder of a pair with this target. */
    static Path folderOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".folder-sync");
    }

    /** Reads a pair's state; a pair never synced two-way has an empty one. */
    static PairState load(Path target) throws IOException {
        PairState state = new PairState(folderOf(target));
        for (String line : lines(state.folder.resolve("synced.txt"))) {
            int tab = line.indexOf('\t');
            state.synced.put(line.substring(tab + 1), Stamp.parse(line.substring(0, tab)));
        }
        state.conflicts.addAll(lines(state.folder.resolve("conflicts.txt")));
        state.excluded.addAll(lines(state.folder.resolve("excluded.txt")));
        return state;
    }

    /** The state files hold one path a line: a name with a line break cannot be recorded, so it is not synced. */
    static boolean recordable(String relative) {
        return relative.indexOf('\n') < 0 && relative.indexOf('\r') < 0;
    }

    Stamp synced(String relative) {
        return synced.get(relative);
    }

    /** Records a file as synced (both sides equal to stamp), or forgets it when stamp is null. */
    void synced(String relative, Stamp stamp) {
        if (stamp == null) {
            synced.remove(relative);
        } else {
            synced.put(relative, stamp);
        }
    }

    Set<String> syncedFiles() {
        return Set.copyOf(synced.keySet());
    }

    Set<String> conflicts() {
        return Set.copyOf(conflicts);
    }

    boolean inConflict(String relative) {
        return conflicts.contains(relative);
    }

    void conflict(String relative) {
        conflicts.add(relative);
    }

    void resolved(String relative) {
        conflicts.remove(relative);
    }

    boolean excluded(String relative) {
        return excluded.contains(relative);
    }

    void exclude(String relative) {
        excluded.add(relative);
        synced.remove(relative);
    }

    /** Writes the state to its files. */
    void save() throws IOException {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        synced.forEach((relative, stamp) -> lines.add(stamp + "\t" + relative));
        write(folder.resolve("synced.txt"), lines);
        write(folder.resolve("conflicts.txt"), List.copyOf(conflicts));
        write(folder.resolve("excluded.txt"), List.copyOf(excluded));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + FolderMirror.TEMP_SUFFIX);
        Files.write(temp, lines, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
