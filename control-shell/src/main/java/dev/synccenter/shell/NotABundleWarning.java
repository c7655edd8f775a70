package dev.synccenter.shell;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes FileInstall report a jar in a watched folder (handlers/) that is not a bundle. FileInstall
 * itself skips such a jar without a word; this installer claims exactly those jars (no manifest, or
 * no {@code Bundle-SymbolicName}), logs a warning and installs nothing, so the running handlers are
 * undisturbed. Real bundles are left to FileInstall.
 *
 * <p>It needs the FileInstall API, which the bundle imports optionally: without FileInstall, SCR
 * cannot load this component, and the rest of the shell works.
 */
@Component(service = ArtifactInstaller.class)
public final class NotABundleWarning implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(NotABundleWarning.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        LOG.warn("{} is not an OSGi bundle ({}); it is ignored, the running handlers are unchanged",
                artifact, problem(artifact));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("{}, which was not an OSGi bundle, was removed", artifact);
    }

    /**
     * Why the jar is not a bundle, or null if it is one. A jar that cannot be read (still being
     * written, say) is left to FileInstall, which reports its own failure.
     */
    static String problem(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
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
