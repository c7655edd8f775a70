package dev.synccenter.itest.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncSuspendedException;
import dev.synccenter.handler.SyncHandler;

/**
 * SigtermProcessIT's hands inside the framework's process, as a bundle of its own: it writes one line
 * per fact to the file that the framework property {@code itest.driver.out} names, where the test
 * reads them. Always: a whiteboard listener's {@code finished <id> <status>} (C34, C38). When
 * {@code itest.driver.requests} is above 0: makes the demo handler slow, starts that many requests
 * ({@code accepted <id>}) and records how each handle completes: {@code result <id> <status>}, or
 * {@code suspended <id>} for a SyncSuspendedException (C35).
 */
public final class ShutdownDriver implements BundleActivator {

    static final String DEMO_PID = "dev.synccenter.sample.demo";
    private static final List<String> ITEMS = List.of("alpha", "beta", "gamma");

    private Path out;
    private Thread starter;

    @Override
    public void start(BundleContext context) {
        out = Path.of(context.getProperty("itest.driver.out"));
        context.registerService(SyncListener.class, new SyncListener() {
            @Override
            public void requestFinished(SyncResult result) {
                write("finished " + result.requestId() + " " + result.status());
            }
        }, null);
        int requests = Integer.parseInt(context.getProperty("itest.driver.requests"));
        if (requests > 0) {
            // Not in start(): the services it needs come from bundles of later start levels.
            starter = new Thread(() -> startRequests(context, requests), "shutdown-driver");
            starter.start();
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        if (starter != null) {
            starter.interrupt();
            starter.join();
        }
    }

    private void startRequests(BundleContext context, int requests) {
        try {
            Hashtable<String, Object> slow = new Hashtable<>();
            slow.put("steps", 4);
            slow.put("step.millis", 100L);
            service(context, ConfigurationAdmin.class, null).getConfiguration(DEMO_PID, "?").update(slow);
            service(context, SyncHandler.class, "(&(" + SyncHandler.HANDLER_ID + "=demo)(step.millis=100))");
            SyncControl control = service(context, SyncControl.class, null);
            for (int i = 0; i < requests; i++) {
                SyncRequest r = control.startItemSync("demo", List.of(ITEMS.get(i % ITEMS.size())), null, Set.of(),
                        null);
                write("accepted " + r.id());
                r.result().whenComplete((result, failure) -> write(failure == null
                        ? "result " + r.id() + " " + result.status()
                        : cause(failure) instanceof SyncSuspendedException ? "suspended " + r.id()
                        : "failed " + r.id() + " " + cause(failure)));
            }
            write("started " + requests);
        } catch (InterruptedException e) {
            write("interrupted");
        } catch (IOException | RuntimeException e) {
            write("error " + e);
        }
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static <T> T service(BundleContext context, Class<T> type, String filter) throws InterruptedException {
        try {
            ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                    : new ServiceTracker<>(context, FrameworkUtil.createFilter("(&(objectClass=" + type.getName()
                            + ")" + filter + ")"), null);
            tracker.open();
            T service = tracker.waitForService(60_000);
            if (service == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " " + filter + " within 60 s");
            }
            return service; // the tracker stays open: the service stays got until the bundle stops
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private synchronized void write(String line) {
        try {
            Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
