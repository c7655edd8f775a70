package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
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
import org.osgi.framework.Bundle;

import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

/** C26: requests for a handler whose bundle went away are parked, then run or fail. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ParkingIT extends ItestSupport {

    @Test
    public void c26_parkedRequestsRunInOrderWhenTheBundleComesBack() throws Exception {
        Bundle demo = installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");

        demo.uninstall();
        HandlerSnapshot parked = awaitParked("demo");
        assertEquals("parked handlers are listed with the bundle that served last",
                DEMO_BSN + " 1.0.0", parked.bundle());
        assertEquals(0, parked.serviceId());

        Queue<String> seen = new ConcurrentLinkedQueue<>();
        Results results = new Results();
        List<SyncRequest> requests = new ArrayList<>();
        for (String item : List.of("gamma", "alpha", "beta")) {
            // Accepted although no service serves the ID.
            requests.add(control().startItemSync("demo", List.of(item), Map.of("seen", seen), Set.of(), results));
        }
        for (SyncRequest r : requests) {
            assertEquals(RequestPhase.PARKED, control().request(r.id()).get().phase());
        }
        assertEquals(3, control().handler("demo").get().queued());

        installDemo(DEMO_V1);
        List<String> expected = new ArrayList<>();
        for (SyncRequest r : requests) {
            SyncResult result = Poll.done("parked request " + r.id(), r.result());
            assertEquals(ProgressStatus.SUCCEEDED, result.status());
            assertEquals(null, result.reason());
            expected.add("1.0.0:" + r.id() + ":" + result.items().keySet().iterator().next());
        }
        assertEquals("the parked requests ran in the order they were accepted", expected, List.copyOf(seen));
        for (SyncRequest r : requests) {
            Poll.until("the listener's result of request " + r.id(), () -> results.count(r.id()) == 1);
        }
    }

    @Test
    public void c26_c27_sessionCutShortByAnUninstallIsParkedAndRunsWhenTheBundleComesBack() throws Exception {
        Bundle demo = installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        SyncRequest r = control().startItemSync("demo", List.of("alpha", "beta"),
                Map.of("entered", entered, "gate", gate, "seen", seen), Set.of(), null);
        Poll.await("the demo session", entered);

        demo.uninstall(); // the session is asked to cancel; its unfinished items go back to the queue, parked
        awaitParked("demo");
        Poll.until("request " + r.id() + " to be parked", () -> control().request(r.id()).get().phase(),
                phase -> phase == RequestPhase.PARKED);
        assertTrue("nothing finished on the uninstalled bundle: " + seen, seen.isEmpty());

        installDemo(DEMO_V1);
        gate.countDown();
        SyncResult result = Poll.done("the re-run", r.result());
        assertEquals(Map.of("alpha", ProgressStatus.SUCCEEDED, "beta", ProgressStatus.SUCCEEDED), result.items());
        assertEquals(List.of("1.0.0:" + r.id() + ":alpha", "1.0.0:" + r.id() + ":beta"), List.copyOf(seen));
    }

    @Test
    public void c26_parkedRequestsFailWhenTheParkTimeoutExpires() throws Exception {
        Queue<String> told = new ConcurrentLinkedQueue<>();
        registerListener(new SyncListener() {
            @Override
            public void handlerChanged(String handlerId, HandlerChange change) {
                told.add(handlerId + " " + change);
            }
        });
        configure(ENGINE_PID, SyncControl.class, Map.of("park.timeout.ms", 1_000L));
        Bundle demo = installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");

        long uninstalling = System.nanoTime();
        demo.uninstall();
        awaitParked("demo");
        Results results = new Results();
        SyncRequest items = control().startItemSync("demo", List.of("alpha", "beta"), null, Set.of(), results);
        SyncRequest all = control().startHandlerSync("demo", null, Set.of(), results);

        for (SyncRequest r : List.of(items, all)) {
            SyncResult result = Poll.done("parked request " + r.id(), r.result());
            assertEquals(ProgressStatus.FAILED, result.status());
            assertEquals("handler unavailable", result.reason());
            assertTrue("every failed item has an error event: " + result, result.errorCount() >= result.items().size());
            Poll.until("the listener's result of request " + r.id(), () -> results.count(r.id()) == 1);
        }
        assertEquals(Map.of("alpha", ProgressStatus.FAILED, "beta", ProgressStatus.FAILED),
                results.first(items.id()).items());
        long waited = millisSince(uninstalling);
        assertTrue("the requests failed after " + waited + " ms, before the park timeout", waited >= 990);
        // Once the park timeout has expired the ID is unknown: start calls are refused (C7).
        Poll.until("'demo' to be gone", () -> control().handler("demo").isEmpty());
        Poll.until("listeners to be told 'demo' went away (C34)", () -> told.contains("demo REMOVED"));
        assertTrue(told.toString(), told.contains("demo PARKED"));
        assertThrows(SyncArgumentException.class,
                () -> control().startItemSync("demo", List.of("alpha"), null, Set.of(), null));
    }
}
