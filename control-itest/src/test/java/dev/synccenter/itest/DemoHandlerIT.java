package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ItemSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;

/** The demo handler bundle in the real platform: its configuration, behaviours and hooks. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoHandlerIT extends ItestSupport {

    @Test
    public void c31_demoHandlerShowsItsVersionItemsAndProgress() throws Exception {
        Queue<String> progress = new ConcurrentLinkedQueue<>();
        registerListener(new SyncListener() {
            @Override
            public void itemProgress(String handlerId, long sessionId, ItemProgress p) {
                progress.add(p.itemId() + " " + p.status() + " " + p.step() + "/" + p.maxStep() + " " + p.text());
            }
        });
        installDemo(DEMO_V2);
        HandlerSnapshot demo = awaitDemoVersion("2.0.0");
        assertEquals("Demo handler", demo.name());
        assertEquals(List.of("alpha", "beta", "gamma"), demo.items().stream().map(ItemSnapshot::id).toList());

        Queue<String> seen = new ConcurrentLinkedQueue<>();
        SyncRequest r = control().startItemSync("demo", List.of("beta"), Map.of("seen", seen), Set.of(), null);
        SyncResult result = Poll.done("the demo sync", r.result());

        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals(List.of("2.0.0:" + r.id() + ":beta"), List.copyOf(seen));
        Poll.until("the final progress report", () -> progress.contains("beta SUCCEEDED 5/5 v2.0.0 beta done"));
        assertTrue(progress.toString(), progress.contains("beta UPDATING 2/5 v2.0.0 beta step 2/5"));
    }

    @Test
    public void c3_handlerIdCanBeSetByConfiguration() throws Exception {
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        configure(DEMO_PID, SyncHandler.class, Map.of(SyncHandler.HANDLER_ID, "demo-renamed", "steps", 1));

        HandlerSnapshot renamed = awaitHandler("demo-renamed", "served by the demo bundle",
                s -> s.comment().equals("Demo handler 1.0.0"));
        assertEquals(DEMO_BSN + " 1.0.0", renamed.bundle());
        SyncResult result = Poll.done("a sync of the renamed handler",
                control().startItemSync("demo-renamed", List.of("alpha"), null, Set.of(), null).result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
    }

    @Test
    public void c18_failedItemsCarryErrorEvents() throws Exception {
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        configure(DEMO_PID, SyncHandler.class, Map.of("failure.rate", 1.0d, "steps", 1));

        SyncRequest r = control().startItemSync("demo", List.of("alpha", "gamma"), null, Set.of(), null);
        SyncResult result = Poll.done("the failing sync", r.result());

        assertEquals(ProgressStatus.FAILED, result.status());
        assertEquals(Map.of("alpha", ProgressStatus.FAILED, "gamma", ProgressStatus.FAILED), result.items());
        assertEquals("one error event per failed item", 2, result.errorCount());
        List<SyncEvent> errors = control().events(EventFilter.ALL.handler("demo").atLeast(EventLevel.ERROR))
                .stream().filter(e -> e.requestId() == r.id()).toList();
        assertEquals(errors.toString(), 2, errors.size());
        assertTrue(errors.toString(), errors.stream().allMatch(e -> e.name().equals("Demo failure")));
    }

    @Test
    public void c15_handlerThatThrowsFailsItsItems() throws Exception {
        // An exception is transient (C42): with retries off for this handler (C43), it fails at once. The
        // configuration comes first, so that the service the engine first sees has its properties.
        setConfiguration(DEMO_PID, Map.of("behaviour", "throw", "sync.retry.max.attempts", "1"));
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");

        SyncResult result = Poll.done("the throwing sync",
                control().startItemSync("demo", List.of("alpha", "beta"), null, Set.of(), null).result());

        assertEquals(ProgressStatus.FAILED, result.status());
        assertEquals(Map.of("alpha", ProgressStatus.FAILED, "beta", ProgressStatus.FAILED), result.items());
        assertTrue(result.toString(), result.errorCount() >= 2);
        assertEquals(Map.of("alpha", 1, "beta", 1), result.attempts());
    }

    @Test
    public void c43_aHandlerThatThrowsIsRetriedAsItsServicePropertiesSay() throws Exception {
        // No backoff and three attempts, from the handler's own service properties (C43).
        setConfiguration(DEMO_PID, Map.of("behaviour", "throw", "sync.retry.initial.seconds", "0",
                "sync.retry.max.attempts", "3"));
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");

        SyncResult result = Poll.done("the retried sync",
                control().startItemSync("demo", List.of("alpha"), null, Set.of(), null).result());

        assertEquals(ProgressStatus.FAILED, result.status());
        assertEquals(Map.of("alpha", 3), result.attempts());
        assertEquals(result.toString(), 3, result.errorCount()); // one error event per failed attempt
        assertEquals(1, control().backoffs().stream().filter(b -> b.handlerId().equals("demo")).count());
    }

    @Test
    public void c20_stoppedItemEndsCanceledAndTheOthersSync() throws Exception {
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        SyncRequest r = control().startItemSync("demo", List.of("alpha", "beta"),
                Map.of("entered", entered, "gate", gate, "seen", seen), Set.of(), null);
        Poll.await("the demo session", entered);

        control().stopItemSync("demo", List.of("alpha")); // alpha is in the session, waiting on the gate
        Poll.until("alpha to be finished as canceled", () -> seen.contains("1.0.0:" + r.id() + ":alpha"));
        gate.countDown();
        SyncResult result = Poll.done("the request", r.result());

        assertEquals(ProgressStatus.CANCELED, result.status());
        assertEquals(Map.of("alpha", ProgressStatus.CANCELED, "beta", ProgressStatus.SUCCEEDED), result.items());
    }

    @Test
    public void c22_handlerThatIgnoresCancelIsAbandonedAfterTheGrace() throws Exception {
        abandoned("ignore-cancel");
    }

    @Test
    public void c22_handlerThatHangsIsAbandonedAfterTheGrace() throws Exception {
        abandoned("hang");
    }

    private void abandoned(String behaviour) throws Exception {
        configure(ENGINE_PID, SyncControl.class, Map.of("cancel.grace.ms", 200L));
        installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        configure(DEMO_PID, SyncHandler.class, Map.of("behaviour", behaviour));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1); // never opens: the handler waits the full minute
        SyncRequest r = control().startItemSync("demo", List.of("alpha", "beta"),
                Map.of("entered", entered, "gate", gate), Set.of(), null);
        Poll.await("the demo session", entered);

        long stopping = System.nanoTime();
        control().stopHandlerSync("demo");
        SyncResult result = Poll.done("the abandoned request", r.result());
        long waited = millisSince(stopping);

        assertEquals(Map.of("alpha", ProgressStatus.CANCELED, "beta", ProgressStatus.CANCELED), result.items());
        assertTrue("abandoned after " + waited + " ms; the grace is 200 ms", waited >= 190);
        assertTrue(control().events(EventFilter.ALL.handler("demo").atLeast(EventLevel.WARNING)).stream()
                .anyMatch(e -> e.requestId() == r.id() && e.name().equals("Session abandoned")));
    }
}
