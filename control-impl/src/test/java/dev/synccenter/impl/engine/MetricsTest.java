package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.metrics.HandlerMetrics;
import dev.synccenter.control.metrics.MetricsSnapshot;
import dev.synccenter.impl.metrics.SyncCenterMBean;

/** The engine's counters and gauges, and the MXBean that shows them over real JMX. */
class MetricsTest extends EngineFixture {

    private final Gate gate = new Gate();

    @Test
    void resultsAreCountedByHandlerAndStatusWithTheirWaitAndRunTimes() {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            for (String id : ids) {
                cb.reportProgress(id, "", id.equals("b") ? ProgressStatus.FAILED : ProgressStatus.SUCCEEDED, 1, 1);
            }
        }));
        assertExactlyOneResult(start("h", "a"));
        assertExactlyOneResult(start("h", "a"));
        assertExactlyOneResult(start("h", "b"));

        HandlerMetrics h = handler(engine.metrics(), "h");
        assertThat(h.finished()).containsExactlyInAnyOrderEntriesOf(
                Map.of(ProgressStatus.SUCCEEDED, 2L, ProgressStatus.FAILED, 1L));
        assertThat(h.waitSeconds().count()).isEqualTo(3);
        assertThat(h.runSeconds().count()).isEqualTo(3);
        assertThat(h.runSeconds().cumulative()).isSorted();
        assertThat(h.runSeconds().cumulative().get(h.runSeconds().cumulative().size() - 1))
                .as("every run took less than half an hour").isEqualTo(3);
        MetricsSnapshot all = engine.metrics();
        assertThat(all.storeCommitSeconds().count()).as("each acceptance and result was committed").isGreaterThanOrEqualTo(6);
        assertThat(all.openRequests()).isZero();
        assertThat(all.storeFailing()).isFalse();
    }

    @Test
    void queuedAndRunningAreGaugesOfNow() throws InterruptedException {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> gate.pass()));
        SyncRequest first = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest second = start("h", "b");
        SyncRequest third = start("h", "a");

        MetricsSnapshot now = engine.metrics();
        HandlerMetrics h = handler(now, "h");
        assertThat(h.running()).isEqualTo(1);
        assertThat(h.queued()).isEqualTo(2);
        assertThat(now.openRequests()).isEqualTo(3);
        assertThat(now.sessionThreads()).isGreaterThanOrEqualTo(1);

        gate.open();
        assertExactlyOneResult(first);
        assertExactlyOneResult(second);
        assertExactlyOneResult(third);
        HandlerMetrics after = handler(engine.metrics(), "h");
        assertThat(after.queued()).isZero();
        assertThat(after.running()).isZero();
        assertThat(after.finished()).containsEntry(ProgressStatus.SUCCEEDED, 3L);
    }

    @Test
    void theMXBeanShowsTheSameFiguresOverJmx() throws Exception {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> { }));
        assertExactlyOneResult(start("h", "a"));
        SyncCenterMBean bean = new SyncCenterMBean(engine::metrics);
        bean.register();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(SyncCenterMBean.NAME);
            assertThat(server.getAttribute(name, "OpenRequests")).isEqualTo(0L);
            assertThat(server.getAttribute(name, "StoreFailing")).isEqualTo(false);
            TabularData results = (TabularData) server.getAttribute(name, "ResultsByHandlerAndStatus");
            CompositeData row = results.get(new Object[] {"h/SUCCEEDED"});
            assertThat(row.get("value")).isEqualTo(1L);
        } finally {
            bean.unregister();
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(SyncCenterMBean.NAME)))
                .isFalse();
    }

    private static HandlerMetrics handler(MetricsSnapshot snapshot, String id) {
        return snapshot.handlers().stream().filter(h -> h.handlerId().equals(id)).findFirst().orElseThrow();
    }
}
