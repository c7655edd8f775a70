package dev.synccenter.sample.selfstart;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

/**
 * What became of a handler's self-start, told to the log ({@link System.Logger}, so no logging
 * dependency) and, as a test hook, to every service registered as {@link Consumer} with the
 * property {@value #OBSERVER}{@code =true}: it is given a {@code Map} of {@code java.*} values
 * (keys {@code event}, {@code handlerId}, {@code component}, {@code version}, and {@code requestId},
 * {@code status} or {@code reason}), synchronously, on the thread where the event happened.
 */
final class Journal {

    /** The service property that marks an observer of the test hook. */
    static final String OBSERVER = "dev.synccenter.sample.selfstart.observer";

    private static final System.Logger LOG = System.getLogger("dev.synccenter.sample.selfstart");

    private final BundleContext context;
    private final String handlerId;
    private final String component;
    private final String version;

    Journal(BundleContext context, String handlerId, String component) {
        this.context = context;
        this.handlerId = handlerId;
        this.component = component;
        this.version = context.getBundle().getVersion().toString();
    }

    String version() {
        return version;
    }

    void activated() {
        tell("activated", Map.of());
    }

    void accepted(SyncRequest request) {
        LOG.log(System.Logger.Level.INFO, prefix() + "self-start request " + request.id() + " accepted");
        tell("accepted", Map.of("requestId", request.id()));
    }

    void refused(RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, prefix() + "self-start refused: " + e);
        tell("refused", Map.of("reason", String.valueOf(e)));
    }

    /** The result listener of the self-start request. */
    void finished(SyncResult result) {
        LOG.log(System.Logger.Level.INFO, prefix() + "self-start request " + result.requestId() + " finished "
                + result.status());
        tell("result", Map.of("requestId", result.requestId(), "status", result.status().name()));
    }

    private String prefix() {
        return handlerId + " " + version + " (" + component + " component): ";
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private void tell(String event, Map<String, Object> details) {
        Map<String, Object> report = new HashMap<>(details);
        report.put("event", event);
        report.put("handlerId", handlerId);
        report.put("component", component);
        report.put("version", version);
        try {
            Collection<ServiceReference<Consumer>> observers = context.getServiceReferences(Consumer.class,
                    "(" + OBSERVER + "=true)");
            for (ServiceReference<Consumer> ref : observers) {
                Consumer observer = context.getService(ref);
                if (observer != null) {
                    try {
                        observer.accept(Map.copyOf(report));
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            // A test hook never disturbs the handler (and the bundle may be stopping).
        }
    }
}
