package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncSuspendedException;
import dev.synccenter.handler.SyncHandler;

/** The engine bundle stops and starts: results at shutdown (C35), state kept across it (C29). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LifecycleIT extends ItestSupport {

    /** Whatever a test did to the engine bundle, the next test starts with it running. */
    @After
    public void engineRunning() throws Exception {
        Bundle engine = bundleNamed(IMPL_BSN);
        if (engine.getState() != Bundle.ACTIVE) {
            engine.start();
        }
        control();
    }

    @Test
    public void c35_c37_stoppingTheEngineBundleSuspendsWhatIsUnfinishedAndStartingItResumesIt() throws Exception {
        configure(ENGINE_PID, SyncControl.class, Map.of("cancel.grace.ms", 200L));
        CountDownLatch gate = new CountDownLatch(1);
        ProbeHandler polite = ProbeHandler.gated("Polite", gate);      // returns when asked to cancel
        ProbeHandler stubborn = ProbeHandler.stubborn("Stubborn", gate); // abandoned after the grace
        awaitServedBy("c35-polite", register(polite, "c35-polite", null));
        awaitServedBy("c35-stubborn", register(stubborn, "c35-stubborn", null));

        Results results = new Results();
        List<SyncRequest> requests = new ArrayList<>();
        requests.add(control().startItemSync("c35-polite", List.of("a"), null, Set.of(), results));
        requests.add(control().startItemSync("c35-stubborn", List.of("a", "b"), null, Set.of(), results));
        Poll.await("the polite handler's session", polite.entered);
        Poll.await("the stubborn handler's session", stubborn.entered);
        // Queued behind the running sessions (one session per handler at a time, C9).
        requests.add(control().startItemSync("c35-polite", List.of("b", "c"), null, Set.of(), results));
        requests.add(control().startHandlerSync("c35-polite", null, Set.of(), results));
        requests.add(control().startItemSync("c35-stubborn", List.of("c"), null, Set.of(), results));
        assertEquals(2, control().handler("c35-polite").get().queued());
        // And parked: its handler's service went away (C26).
        ServiceRegistration<SyncHandler> goneReg = register(ProbeHandler.quick("Gone"), "c35-gone", null);
        awaitServedBy("c35-gone", goneReg);
        goneReg.unregister();
        awaitParked("c35-gone");
        requests.add(control().startItemSync("c35-gone", List.of("a"), null, Set.of(), results));

        bundleNamed(IMPL_BSN).stop();

        // C35, checked at once: every handle completed, "suspended", before stop() returned; no listener call.
        for (SyncRequest r : requests) {
            Throwable failure = r.result().toCompletableFuture().handle((ok, t) -> t).getNow(null);
            assertTrue("request " + r.id() + " suspended: " + failure,
                    failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() instanceof SyncSuspendedException s && s.requestId() == r.id());
            assertEquals("listener calls for request " + r.id(), 0, results.count(r.id()));
        }
        // The abandoned session's thread was interrupted (C22); it notices on its own time.
        Poll.until("the stubborn handler's thread to be interrupted", () -> stubborn.interrupted.get() == 1);

        // C37: started again, the engine resumes every one of them, each to one result in the history.
        gate.countDown();
        bundleNamed(IMPL_BSN).start();
        awaitServedBy("c35-gone", register(ProbeHandler.quick("Gone again"), "c35-gone", null));
        for (SyncRequest r : requests) {
            Poll.until("request " + r.id() + " to finish after the restart", () -> control().request(r.id())
                    .map(s -> s.result() != null).orElse(false));
            assertEquals("request " + r.id(), ProgressStatus.SUCCEEDED,
                    control().request(r.id()).get().result().status());
        }
        assertEquals(0, results.count(requests.get(0).id())); // handles and listeners lived in the stopped engine
    }

    @Test
    public void c35_c19_blockingResultListenerDoesNotHoldUpShutdown() throws Exception {
        configure(ENGINE_PID, SyncControl.class, Map.of("cancel.grace.ms", 200L));
        CountDownLatch neverOpens = new CountDownLatch(1);
        awaitServedBy("c35-quick", register(ProbeHandler.quick("Quick"), "c35-quick", null));
        ProbeHandler polite = ProbeHandler.gated("Polite", neverOpens);
        awaitServedBy("c35-block", register(polite, "c35-block", null));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        try {
            SyncRequest blocked = control().startItemSync("c35-quick", List.of("a"), null, Set.of(), result -> {
                blocking.countDown();
                try {
                    release.await(); // blocks until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Poll.await("the blocking listener", blocking);
            SyncRequest other = control().startItemSync("c35-block", List.of("b"), null, Set.of(), null);
            Poll.await("the session", polite.entered);

            bundleNamed(IMPL_BSN).stop(); // returns although a result listener still blocks (C19)

            assertEquals(ProgressStatus.SUCCEEDED, blocked.result().toCompletableFuture().getNow(null).status());
            assertTrue("the other request is suspended",
                    other.result().toCompletableFuture().isCompletedExceptionally());
        } finally {
            release.countDown();
        }
    }

    @Test
    public void c29_disabledHandlerStaysDisabledAcrossAnEngineRestart() throws Exception {
        ServiceRegistration<SyncHandler> reg = register(ProbeHandler.quick("Disabled"), "c29", null);
        awaitServedBy("c29", reg);
        control().enableHandler(false, "c29", Set.of(ControlFlag.WAIT));
        assertFalse(control().handler("c29").get().enabled());

        restart(bundleNamed(IMPL_BSN));

        HandlerSnapshot after = awaitServedBy("c29", reg);
        assertFalse("still disabled after the restart", after.enabled());
        SyncRefusedException refused = assertThrows(SyncRefusedException.class,
                () -> control().startItemSync("c29", List.of("a"), null, Set.of(), null));
        assertEquals(SyncRefusedException.Reason.HANDLER_DISABLED, refused.reason());

        // Enabling allows syncs again, and that state survives an update of the engine bundle (C35).
        control().enableHandler(true, "c29", Set.of(ControlFlag.WAIT));
        bundleNamed(IMPL_BSN).update(); // from its location: the same jar, a new revision
        assertTrue(awaitServedBy("c29", reg).enabled());
        SyncResult result = Poll.done("a sync once enabled",
                control().startItemSync("c29", List.of("a"), null, Set.of(), null).result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertNull(result.reason());
    }
}
