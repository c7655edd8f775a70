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

/** Builds HttpApiIT's test fixture bundle ({@link AuditFixture}) from the compiled test classes. */
final class FixtureBundle {

    private FixtureBundle() {
    }

    static Path build(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(AuditFixture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String pkg = AuditFixture.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "dev.synccenter.test.auditfixture");
        a.putValue("Bundle-Version", "0.0.1");
        a.putValue("Bundle-Name", "TEST FIXTURE: audit trail into a file (HttpApiIT)");
        a.putValue("Bundle-Activator", AuditFixture.class.getName());
        a.putValue("Import-Package", "dev.synccenter.control.audit;version=\"[1.0,2)\","
                + "dev.synccenter.control.security;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\","
                + "org.osgi.util.tracker;version=\"[1.5,2)\"");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
                var files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                j.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
