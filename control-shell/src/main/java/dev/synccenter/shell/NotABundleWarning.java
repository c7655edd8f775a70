package dev.synccenter.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;

/**
 * Makes FileInstall report a jar in a handler folder (the distribution's handlers/) that is not a
 * bundle. FileInstall itself skips such a jar without a word; this installer claims exactly those
 * jars (no manifest, or no {@code Bundle-SymbolicName}), logs a warning and installs nothing, so the
 * running handlers are undisturbed. Real bundles, and jars that cannot be read, are left to
 * FileInstall. Such a jar written over the jar of a running bundle makes FileInstall uninstall that
 * bundle, which no installer can prevent: {@link BrokenJarWarning} explains it in the log.
 *
 * <p>It claims only jars directly in the folders its configuration ({@value #PID}, key
 * {@value #FOLDERS}) names, and it is not there at all without that configuration: every
 * FileInstall watcher asks every installer, and a container such as Karaf wraps the plain jars of
 * its own {@code deploy/} folder into bundles, which an installer claiming every plain jar would stop.
 *
 * <p>It needs the FileInstall API, which the bundle imports optionally: without FileInstall, SCR
 * cannot load this component, and the rest of the shell works.
 */
@Component(service = ArtifactInstaller.class, configurationPid = NotABundleWarning.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class NotABundleWarning implements ArtifactInstaller {

    /** The configuration that names the handler folders. */
    static final String PID = "dev.synccenter.shell.notabundle";
    /** Comma-separated folders whose plain jars are reported (and so not handled by anyone else). */
    static final String FOLDERS = "folders";

    private static final Logger LOG = LoggerFactory.getLogger(NotABundleWarning.class);

    private final List<Path> folders;

    @Activate
    public NotABundleWarning(Map<String, Object> properties) {
        this(new RawConfig(properties, PID, LOG::warn).list(FOLDERS));
        if (folders.isEmpty()) {
            LOG.warn("Configuration {} in {} names no folder; no jar is reported as not being a bundle", FOLDERS,
                    RawConfig.source(properties, PID));
        }
    }

    NotABundleWarning(List<String> folders) {
        this.folders = folders.stream().map(NotABundleWarning::real).toList();
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && inAHandlerFolder(artifact)
                && JarProblems.notABundle(artifact) != null;
    }

    private boolean inAHandlerFolder(File artifact) {
        File parent = artifact.getAbsoluteFile().getParentFile();
        return parent != null && folders.contains(real(parent.getPath()));
    }

    /** The folder as the file system names it (links resolved), so that two spellings of one folder match. */
    private static Path real(String folder) {
        Path path = Path.of(folder).toAbsolutePath().normalize();
        try {
            return path.toRealPath();
        } catch (IOException notThereYet) {
            return path;
        }
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
