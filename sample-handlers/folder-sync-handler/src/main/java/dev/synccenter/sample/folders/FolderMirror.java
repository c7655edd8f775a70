package dev.synccenter.sample.folders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Makes a target folder equal to a source folder: new and changed files are copied, files and
 * folders the source no longer has are removed. One job, no OSGi: the handler wraps it.
 *
 * <p>A file is copied to a temporary name beside its final one and renamed into place only when it
 * is complete, so a copy that is cancelled, fails or is interrupted never leaves half a file under
 * the final name. Cancellation is checked between files and between chunks of a file.
 */
final class FolderMirror {

    /** Temporary files carry this suffix until they are renamed into place. */
    static final String TEMP_SUFFIX = ".synctmp";
    static final int CHUNK = 64 * 1024;

    /** What the mirror reports while it works. */
    interface Listener {
        /** Before each file operation: step of total, and what it is about to do. */
        void progress(long step, long total, String text);

        /** A file that could not be copied or removed; the mirror goes on with the others. */
        void problem(String relativePath, String what, IOException cause);

        /** A file copied or removed: one change made. */
        default void changed(String relativePath) {
        }

        /** A file of a two-way pair changed on both sides: left alone until resolved (C46). */
        default void conflict(String relativePath) {
        }

        /** After each chunk copied; a test hook. */
        default void chunkCopied(Path target, long bytesSoFar) {
        }
    }

    /** How a mirror run ended. */
    enum Outcome { DONE, DONE_WITH_PROBLEMS, CANCELED }

    private FolderMirror() {
    }

    static Outcome mirror(Path source, Path target, BooleanSupplier canContinue, Listener listener)
            throws IOException {
        if (!Files.isDirectory(source)) {
            throw new NoSuchFileException(source.toString(), null, "the source folder does not exist");
        }
        Files.createDirectories(target);
        TreeMap<String, Path> sourceFiles = list(source);
        TreeMap<String, Path> targetFiles = list(target);
        List<String> toCopy = new ArrayList<>();
        for (var e : sourceFiles.entrySet()) {
            Path there = targetFiles.get(e.getKey());
            if (Files.isRegularFile(e.getValue()) && (there == null || differs(e.getValue(), there))) {
                toCopy.add(e.getKey());
            }
        }
        List<String> toRemove = new ArrayList<>();
        for (String relative : targetFiles.descendingKeySet()) { // deepest first
            if (!sourceFiles.containsKey(relative) || Files.isDirectory(sourceFiles.get(relative))
                    != Files.isDirectory(targetFiles.get(relative))) {
                toRemove.add(relative);
            }
        }
        long total = toCopy.size() + toRemove.size();
        long step = 0;
        boolean problems = false;
        for (String relative : toRemove) {
            if (!canContinue.getAsBoolean()) {
                return Outcome.CANCELED;
            }
            listener.progress(++step, total, "removing " + relative);
            try {
                deleteTree(target.resolve(relative));
                listener.changed(relative);
            } catch (IOException e) {
                listener.problem(relative, "remove", e);
                problems = true;
            }
        }
        for (var e : sourceFiles.entrySet()) {
            if (Files.isDirectory(e.getValue())) {
                Files.createDirectories(target.resolve(e.getKey()));
            }
        }
        for (String relative : toCopy) {
            if (!canContinue.getAsBoolean()) {
                return Outcome.CANCELED;
            }
            listener.progress(++step, total, "copying " + relative);
            try {
                if (!copy(source.resolve(relative), target.resolve(relative), canContinue, listener)) {
                    return Outcome.CANCELED;
                }
                listener.changed(relative);
            } catch (IOException e) {
                listener.problem(relative, "copy", e);
                problems = true;
            }
        }
        return problems ? Outcome.DONE_WITH_PROBLEMS : Outcome.DONE;
    }

    /** Relative path (with '/') to path, for every file and folder below root, temporary files aside. */
    static TreeMap<String, Path> list(Path root) throws IOException {
        TreeMap<String, Path> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root) && !p.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .forEach(p -> all.put(root.relativize(p).toString().replace('\\', '/'), p));
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a folder that cannot be read, or a mount that went away while walking
        }
        return all;
    }

    private static boolean differs(Path a, Path b) throws IOException {
        return !Files.isRegularFile(b) || Files.size(a) != Files.size(b)
                || !Files.getLastModifiedTime(a).equals(Files.getLastModifiedTime(b));
    }

    /**
     * Copies through a temporary file, keeping the modification time; false if cancelled (the
     * temporary file is then gone). Two-way syncs and conflict resolutions copy with it too.
     */
    static boolean copy(Path from, Path to, BooleanSupplier canContinue, Listener listener) throws IOException {
        Files.createDirectories(to.getParent());
        Path temp = to.resolveSibling(to.getFileName() + TEMP_SUFFIX);
        boolean done = false;
        try {
            try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[CHUNK];
                long copied = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    copied += n;
                    listener.chunkCopied(to, copied);
                    if (!canContinue.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        return false;
                    }
                }
            }
            FileTime modified = Files.getLastModifiedTime(from);
            Files.setLastModifiedTime(temp, modified);
            try {
                Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
