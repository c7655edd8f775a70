package dev.synccenter.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only the platform's own user may read: directories 0700 and files 0600, each created with
 * those permissions (never created open and narrowed afterwards, which would leave a moment in
 * which another user could open it), and written whole or not at all (a temporary file in the same
 * directory, forced to disk, then moved over the old one).
 *
 * <p>On a file system without POSIX permissions (Windows) the files are written all the same and
 * a warning says that they are protected only by the directory's access rules.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    private final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Creates the directory (0700) if it is missing; narrows it to 0700 if others may enter it. */
    void directory(Path dir) throws IOException {
        if (!posix) {
            Files.createDirectories(dir);
            LOG.warn("This file system has no POSIX permissions: {} is protected by its access rules only", dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        narrow(dir, DIRECTORY);
    }

    /**
     * Checks that others cannot read or write the file; if they can, logs an error naming it and
     * narrows it to 0600. Why fix rather than refuse: refusing to start would take every remote
     * surface away while the secret, if it was read, stays valid; the error says to replace it.
     */
    void check(Path file) throws IOException {
        if (posix && Files.exists(file)) {
            narrow(file, FILE);
        }
    }

    /** Writes the text to the file, whole or not at all, readable by this user only. */
    void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true); // on disk before the rename makes it the file
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (actual.stream().anyMatch(OTHERS::contains)) {
            Files.setPosixFilePermissions(path, wanted);
            LOG.error("{} was open to other users ({}); its permissions are now {}. Anything secret in it may"
                    + " have been read: revoke and re-create its tokens and reset its passwords (bin/sync"
                    + " token-create, token-revoke, password-reset)", path, PosixFilePermissions.toString(actual),
                    PosixFilePermissions.toString(wanted));
        }
    }
}
