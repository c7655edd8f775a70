package dev.synccenter.shell;

import java.io.File;
import java.net.URI;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why a handler went away when its jar in handlers/ was overwritten by a file that is not a
 * readable jar (truncated, or still being written) or not a bundle. FileInstall then finds that no installer can
 * handle the file any more and uninstalls the running bundle it had installed from it, logging
 * nothing but "Uninstalling bundle N"; the handler's requests park and fail at the park timeout
 * unless a complete jar comes, which FileInstall installs as a new bundle. This listener sees the
 * uninstall while it happens (synchronously, so the file is still the bad one), logs what
 * happened, why, and what to do, and changes nothing.
 */
@Component(immediate = true, service = {})
public final class BrokenJarWarning implements SynchronousBundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(BrokenJarWarning.class);

    private final BundleContext context;

    @Activate
    public BrokenJarWarning(BundleContext context) {
        this.context = context;
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.UNINSTALLED) {
            return;
        }
        Bundle bundle = event.getBundle();
        String warning = warning(bundle.getLocation(), bundle.getBundleId(),
                bundle.getSymbolicName() + " " + bundle.getVersion());
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /** The warning for a bundle uninstalled while its jar is unreadable or no bundle, or null. */
    static String warning(String location, long bundleId, String bundle) {
        File file = file(location);
        if (file == null || !file.isFile()) {
            return null; // its jar was removed: a plain uninstall
        }
        String unreadable = JarProblems.unreadable(file);
        String notABundle = unreadable == null ? JarProblems.notABundle(file) : null;
        if (unreadable == null && notABundle == null) {
            return null;
        }
        String what = unreadable != null
                ? "is not a readable jar (" + unreadable + "): it was overwritten by a truncated or half-written file"
                : "is not an OSGi bundle (" + notABundle + "): it was overwritten by a jar that is not a bundle";
        return file + " " + what + ", so FileInstall uninstalled bundle " + bundleId + " (" + bundle + ") that it"
                + " had installed from it. The handler's requests are parked until a complete bundle jar is there,"
                + " and fail at the engine's park.timeout.ms; that jar is installed as a new bundle, with a new"
                + " bundle ID and data folder. Write a jar elsewhere on the same file system, then mv it into"
                + " place.";
    }

    private static File file(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return new File(URI.create(location));
        } catch (IllegalArgumentException notAFileUri) {
            return null;
        }
    }
}
