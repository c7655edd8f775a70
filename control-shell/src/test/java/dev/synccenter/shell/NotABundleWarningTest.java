package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The not-a-bundle warning claims the plain jars of the configured handler folders only, so that a
 * container's own deploy folder (Karaf wraps plain jars there) is left alone.
 */
class NotABundleWarningTest {

    @TempDir
    Path dir;

    @Test
    void claimsPlainJarsOfTheConfiguredFoldersOnly() throws IOException {
        Path handlers = Files.createDirectories(dir.resolve("handlers"));
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        NotABundleWarning warning = new NotABundleWarning(Map.of("folders", " " + handlers + " , "));

        assertThat(warning.canHandle(plainJar(handlers.resolve("plain.jar")).toFile())).as("handlers/").isTrue();
        assertThat(warning.canHandle(plainJar(deploy.resolve("plain.jar")).toFile())).as("deploy/").isFalse();
        assertThat(warning.canHandle(bundle(handlers.resolve("bundle.jar")).toFile())).as("a bundle").isFalse();
        assertThat(warning.canHandle(plainJar(Files.createDirectories(handlers.resolve("sub")).resolve("p.jar"))
                .toFile())).as("below handlers/, not in it").isFalse();
    }

    @Test
    void aFolderSpelledDifferentlyIsTheSameFolder() throws IOException {
        Path handlers = Files.createDirectories(dir.resolve("handlers"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), handlers);
        NotABundleWarning warning = new NotABundleWarning(List.of(dir + "/./link/"));
        assertThat(warning.canHandle(plainJar(handlers.resolve("plain.jar")).toFile())).isTrue();
        assertThat(warning.canHandle(link.resolve("plain.jar").toFile())).isTrue();
    }

    @Test
    void noFolderClaimsNothing() throws IOException {
        Path handlers = Files.createDirectories(dir.resolve("handlers"));
        NotABundleWarning warning = new NotABundleWarning(Map.of("folders", " "));
        assertThat(warning.canHandle(plainJar(handlers.resolve("plain.jar")).toFile())).isFalse();
    }

    private static Path plainJar(Path path) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("no manifest".getBytes());
            out.closeEntry();
        }
        return path;
    }

    private static Path bundle(Path path) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "example");
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new ZipEntry("a.txt"));
            out.closeEntry();
        }
        return path;
    }
}
