package dev.synccenter.shutdownhook;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the JVM shutdown hook: stops the framework and waits, at most {@code timeout}, until
 * it has stopped, so that every bundle's activator and every component's deactivate method run
 * before the JVM halts (the engine then suspends what is unfinished, C35).
 *
 * <p>Never deadlocks with a framework that is stopping already (the launcher's own hook, an
 * operator's {@code stop 0}): {@link Framework#stop()} only starts the stop on the framework's own
 * thread and does nothing when a stop is under way, and the wait is bounded.
 */
final class FrameworkStopOnExit implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkStopOnExit.class);

    private final Framework framework;
    private final Duration timeout;

    FrameworkStopOnExit(Framework framework, Duration timeout) {
        this.framework = framework;
        this.timeout = timeout;
    }

    /** Answers whether the framework stopped within the timeout. */
    boolean stopAndWait() {
        LOG.info("The JVM is shutting down: stopping the OSGi framework, waiting at most {} s for it",
                timeout.toSeconds());
        long began = System.nanoTime();
        try {
            framework.stop(); // asynchronous by contract: the framework stops on a thread of its own
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.warn("Stopping the OSGi framework failed; the JVM ends without it", e);
            return false;
        }
        try {
            FrameworkEvent end = framework.waitForStop(Math.max(1, timeout.toMillis()));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            if (end.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The OSGi framework did not stop within {} s (set by {}); the JVM ends without it, and what "
                        + "had no result resumes at the next start (C37)", timeout.toSeconds(),
                        ShutdownHookActivator.TIMEOUT_KEY);
                return false;
            }
            LOG.info("The OSGi framework stopped in {} ms", millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for the OSGi framework to stop");
            return false;
        }
    }

    @Override
    public void run() {
        stopAndWait();
    }
}
