package dev.synccenter.shell;

import java.io.File;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes FileInstall report a jar in a watched folder (handlers/) that is not a bundle. FileInstall
 * itself skips such a jar without a word; this installer claims exactly those jars (no manifest, or
 * no {@code Bundle-SymbolicName}), logs a warning and installs nothing, so the running handlers are
 * undisturbed. Real bundles, and jars that cannot be read, are left to FileInstall. Such a jar
 * written over the jar of a running bundle makes FileInstall uninstall that bundle, which no
 * installer can prevent: {@link BrokenJarWarning} explains it in the log.
 *
 * <p>It needs the FileInstall API, which the bundle imports optionally: without FileInstall, SCR
 * cannot load this component, and the rest of the shell works.
 */
@Component(service = ArtifactInstaller.class)
public final class NotABundleWarning implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(NotABundleWarning.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && JarProblems.notABundle(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        LOG.warn("{} is not an OSGi bundle ({}); it is ignored, the running handlers are unchanged",
                artifact, JarProblems.notABundle(artifact));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("{}, which was not an OSGi bundle, was removed", artifact);
    }
}
