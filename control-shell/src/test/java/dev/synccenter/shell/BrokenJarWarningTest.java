package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle uninstalled because its jar was overwritten by a truncated one is explained in the log. */
class BrokenJarWarningTest {

    @TempDir
    Path dir;

    @Test
    void aTruncatedJarIsNamedWithWhatHappenedAndWhatToDo() throws IOException {
        Path good = jar(dir.resolve("good.jar"));
        Path truncated = dir.resolve("demo-handler.jar");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        String warning = BrokenJarWarning.warning(truncated.toUri().toString(), 12, "dev.synccenter.sample.demo 1.0.0");
        assertThat(warning).startsWith(truncated + " is not a readable jar (")
                .contains("FileInstall uninstalled bundle 12 (dev.synccenter.sample.demo 1.0.0)")
                .contains("park.timeout.ms").contains("new bundle ID").contains("then mv it into place");
    }

    @Test
    void aJarThatIsNotABundleOverABundleJarIsNamedToo() throws IOException {
        Path notABundle = dir.resolve("demo-handler.jar");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(notABundle))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("no manifest".getBytes());
            out.closeEntry();
        }
        assertThat(BrokenJarWarning.warning(notABundle.toUri().toString(), 7, "demo 1.0.0"))
                .startsWith(notABundle + " is not an OSGi bundle (no META-INF/MANIFEST.MF): it was overwritten by a"
                        + " jar that is not a bundle, so FileInstall uninstalled bundle 7 (demo 1.0.0)");
    }

    @Test
    void aPlainUninstallOrAGoodJarIsNotWarnedAbout() throws IOException {
        Path good = jar(dir.resolve("good.jar"));
        assertThat(BrokenJarWarning.warning(good.toUri().toString(), 12, "b 1")).as("readable").isNull();
        assertThat(BrokenJarWarning.warning(dir.resolve("gone.jar").toUri().toString(), 12, "b 1"))
                .as("the jar was removed").isNull();
        assertThat(BrokenJarWarning.warning("mvn:org.example/b/1", 12, "b 1")).as("not a file").isNull();
        assertThat(BrokenJarWarning.warning(null, 12, "b 1")).isNull();
    }

    private static Path jar(Path path) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "b");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path), manifest)) {
            for (int i = 0; i < 20; i++) {
                out.putNextEntry(new ZipEntry("data/" + i + ".txt"));
                out.write(("entry " + i).repeat(50).getBytes());
                out.closeEntry();
            }
        }
        return path;
    }
}
