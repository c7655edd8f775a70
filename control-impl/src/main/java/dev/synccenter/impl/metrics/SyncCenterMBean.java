package dev.synccenter.impl.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.metrics.HandlerMetrics;
import dev.synccenter.control.metrics.MetricsSnapshot;

/**
 * The MXBean on the platform MBean server, registered while the control service is active. A
 * second registration under the same name (a second framework in the JVM) is logged and skipped:
 * metrics are never a reason for the control service not to start.
 */
public final class SyncCenterMBean implements SyncCenterMXBean {

    public static final String NAME = "dev.synccenter:type=SyncCenter";
    private static final Logger LOG = LoggerFactory.getLogger(SyncCenterMBean.class);

    private final Supplier<MetricsSnapshot> metrics;
    private ObjectName registered;

    public SyncCenterMBean(Supplier<MetricsSnapshot> metrics) {
        this.metrics = metrics;
    }

    public void register() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(NAME);
            server.registerMBean(this, name);
            registered = name;
        } catch (JMException | RuntimeException e) {
            LOG.warn("The metrics MXBean {} is not registered: {}", NAME, e.toString());
        }
    }

    public void unregister() {
        if (registered == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
        } catch (JMException | RuntimeException e) {
            LOG.debug("The metrics MXBean {} was gone already: {}", NAME, e.toString());
        }
        registered = null;
    }

    @Override
    public long getOpenRequests() {
        return metrics.get().openRequests();
    }

    @Override
    public long getAbandonedSessions() {
        return metrics.get().abandonedSessions();
    }

    @Override
    public long getDeliveryBacklog() {
        return metrics.get().deliveryBacklog();
    }

    @Override
    public boolean isStoreFailing() {
        return metrics.get().storeFailing();
    }

    @Override
    public int getSessionThreads() {
        return metrics.get().sessionThreads();
    }

    @Override
    public long getItemsInBackoff() {
        return metrics.get().itemsInBackoff();
    }

    @Override
    public long getWaitingRetries() {
        return metrics.get().waitingRetries();
    }

    @Override
    public int getSchedules() {
        return metrics.get().schedules();
    }

    @Override
    public long getStoreCommits() {
        return metrics.get().storeCommitSeconds().count();
    }

    @Override
    public double getStoreCommitSecondsSum() {
        return metrics.get().storeCommitSeconds().sum();
    }

    @Override
    public Map<String, Long> getQueuedByHandler() {
        return byHandler(HandlerMetrics::queued);
    }

    @Override
    public Map<String, Long> getRunningByHandler() {
        return byHandler(HandlerMetrics::running);
    }

    @Override
    public Map<String, Long> getResultsByHandlerAndStatus() {
        Map<String, Long> out = new TreeMap<>();
        for (HandlerMetrics h : metrics.get().handlers()) {
            h.finished().forEach((status, count) -> out.put(h.handlerId() + "/" + status.name(), count));
        }
        return out;
    }

    private Map<String, Long> byHandler(Function<HandlerMetrics, Long> value) {
        Map<String, Long> out = new TreeMap<>();
        for (HandlerMetrics h : metrics.get().handlers()) {
            out.put(h.handlerId(), value.apply(h));
        }
        return out;
    }
}
