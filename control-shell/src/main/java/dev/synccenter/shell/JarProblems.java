package dev.synccenter.shell;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What keeps a file in a watched folder from being installed as a bundle. Apart from the
 * components that report it so that it needs no FileInstall classes (their import is optional).
 */
final class JarProblems {

    private JarProblems() {
    }

    /** Why the file cannot be read as a jar (truncated, still being written, not a zip), or null. */
    static String unreadable(File file) {
        try (JarFile jar = new JarFile(file)) {
            jar.getManifest();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : Table.clean(e.getMessage());
        }
    }

    /**
     * Why a readable jar is not a bundle, or null if it is one. A jar that cannot be read is left
     * to {@link #unreadable}: null here too.
     */
    static String notABundle(File file) {
        try (JarFile jar = new JarFile(file)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return "no META-INF/MANIFEST.MF";
            }
            String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null || name.isBlank() ? "no Bundle-SymbolicName in its manifest" : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
