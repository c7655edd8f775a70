package dev.synccenter.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.synccenter.distribution.fixture.AuditFixture;

/**
 * Builds the tests' fixture bundles (HttpApiIT's {@link AuditFixture}, ConsoleScaleIT's many handlers,
 * ConsoleConflictsIT's handler with conflicts) from the compiled test classes.
 */
final class FixtureBundle {

    private FixtureBundle() {
    }

    static Path build(Path jar) throws IOException {
        return build(jar, AuditFixture.class, "dev.synccenter.test.auditfixture",
                "TEST FIXTURE: audit trail into a file (HttpApiIT)",
                "dev.synccenter.control.audit;version=\"[1.0,2)\","
                        + "dev.synccenter.control.security;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\","
                        + "org.osgi.util.tracker;version=\"[1.5,2)\"");
    }

    /**
     * A bundle of one fixture class (its activator) and its nested classes, from the compiled test
     * classes of package {@code fixture}.
     */
    static Path build(Path jar, Class<?> activator, String symbolicName, String name, String imports)
            throws IOException {
        Path classes;
        try {
            classes = Path.of(activator.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String pkg = activator.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "0.0.1");
        a.putValue("Bundle-Name", name);
        a.putValue("Bundle-Activator", activator.getName());
        a.putValue("Import-Package", imports);
        String simple = activator.getSimpleName();
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
                var files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals(simple + ".class")
                    || p.getFileName().toString().startsWith(simple + "$")).toList()) {
                j.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
