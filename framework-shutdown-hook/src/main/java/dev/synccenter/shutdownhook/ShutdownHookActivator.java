package dev.synccenter.shutdownhook;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.config.RawConfig;

/**
 * Registers a JVM shutdown hook that stops the framework ({@link FrameworkStopOnExit}) while this
 * bundle is active, and removes it when the bundle stops normally. A plain activator rather than a
 * DS component, so that the hook needs nothing else to be running.
 *
 * <p>Where the launcher stops the framework on SIGTERM itself (Felix main, Karaf) both stop it, and
 * the second stop is a no-op; where it does not (Equinox's launcher), this hook is what stops it.
 */
public final class ShutdownHookActivator implements BundleActivator {

    /** Framework (or system) property: how long the hook waits for the framework to stop. */
    static final String TIMEOUT_KEY = "synccenter.shutdown.hook.timeout.seconds";
    static final long DEFAULT_TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHookActivator.class);

    private Thread hook;

    @Override
    public void start(BundleContext context) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (!(system instanceof Framework framework)) {
            // Every R4.2+ framework's system bundle is its Framework object; without one there is nothing to stop.
            LOG.error("The system bundle is not an org.osgi.framework.launch.Framework ({}); no shutdown hook",
                    system == null ? "none" : system.getClass().getName());
            return;
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds(context.getProperty(TIMEOUT_KEY), LOG::warn));
        hook = new Thread(new FrameworkStopOnExit(framework, timeout), "Sync Center framework shutdown hook");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("JVM shutdown hook registered: SIGTERM stops the OSGi framework, waiting at most {} s",
                timeout.toSeconds());
    }

    @Override
    public void stop(BundleContext context) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: this stop is the hook's own doing, or the launcher's; nothing to remove.
        }
        hook = null;
    }

    /** The hook thread while registered; for tests. */
    Thread hook() {
        return hook;
    }

    /** The timeout setting; a bad value is reported with its key, and the default used. */
    static long timeoutSeconds(String raw, Consumer<String> warn) {
        Map<String, Object> properties = raw == null ? Map.of() : Map.of(TIMEOUT_KEY, raw);
        return new RawConfig(properties, "framework properties", warn).wholeNumber(TIMEOUT_KEY, 1, 3600,
                DEFAULT_TIMEOUT_SECONDS);
    }
}
