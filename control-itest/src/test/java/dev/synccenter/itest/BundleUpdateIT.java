package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;

/** C27 and C28: the demo handler bundle is updated in place while it syncs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleUpdateIT extends ItestSupport {

    @Test
    public void c27_unfinishedItemsRunAgainOnTheUpdatedBundleUnderTheSameRequest() throws Exception {
        Bundle demo = installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        Results results = new Results();
        SyncRequest request = control().startItemSync("demo", List.of("alpha", "beta", "gamma"),
                Map.of("entered", entered, "gate", gate, "seen", seen), Set.of(), results);
        Poll.await("v1 to enter synchronize", entered);

        update(demo, DEMO_V2); // v1's session, blocked on the gate, is asked to cancel all
        awaitDemoVersion("2.0.0");
        gate.countDown();

        SyncResult result = Poll.done("the request's result", request.result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals(Map.of("alpha", ProgressStatus.SUCCEEDED, "beta", ProgressStatus.SUCCEEDED,
                "gamma", ProgressStatus.SUCCEEDED), result.items());
        long id = request.id();
        assertEquals("every item ran (again) on v2 under the same request ID, none finished on v1",
                List.of("2.0.0:" + id + ":alpha", "2.0.0:" + id + ":beta", "2.0.0:" + id + ":gamma"),
                List.copyOf(seen));

        // Exactly one result: a later request of the same handler finishes after it, and still one.
        Poll.until("the listener's result", () -> results.count(id) >= 1);
        Poll.done("a later request", control().startItemSync("demo", List.of("alpha"), null, Set.of(), results)
                .result());
        assertEquals("listener calls for request " + id, 1, results.count(id));
        assertEquals(result, results.first(id));
    }

    @Test
    public void c28_requestsStreamingInWhileTheBundleIsReplacedEachGetOneResult() throws Exception {
        stream(true, Map.of("steps", 2, "step.millis", 2L));
    }

    @Test
    public void c28_requestsStreamingInWhileTheBundleIsReplacedBackToBackEachGetOneResult() throws Exception {
        stream(false, Map.of("steps", 2, "step.millis", 2L)); // an update may come while the engine reads the last
    }

    @Test
    public void c28_c22_requestsStreamingInWhileAHandlerThatIgnoresCancelIsReplacedEachGetOneResult()
            throws Exception {
        // Sessions outlive the cancel grace, so updates abandon them while they still report (C22, C27).
        configure(ENGINE_PID, SyncControl.class, Map.of("cancel.grace.ms", 20L));
        stream(true, Map.of("steps", 2, "step.millis", 15L, "behaviour", "ignore-cancel"));
    }

    private void stream(boolean waitForEachVersion, Map<String, Object> demoConfig) throws Exception {
        Bundle demo = installDemo(DEMO_V1);
        awaitDemoVersion("1.0.0");
        configure(DEMO_PID, SyncHandler.class, demoConfig);
        // The same results as whiteboard listener calls, counted per request ID (C34).
        Map<Long, AtomicInteger> finished = new ConcurrentHashMap<>();
        registerListener(new SyncListener() {
            @Override
            public void requestFinished(SyncResult result) {
                finished.computeIfAbsent(result.requestId(), k -> new AtomicInteger()).incrementAndGet();
            }
        });

        Results results = new Results();
        List<SyncRequest> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Semaphore inFlight = new Semaphore(6); // paces the stream by results, not by the clock
        List<Throwable> producerErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> items = List.of("alpha", "beta", "gamma");
        Thread producer = new Thread(() -> {
            try {
                int n = 0;
                while (!stop.get()) {
                    if (!inFlight.tryAcquire(Poll.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new AssertionError("no result came back for " + Poll.WAIT);
                    }
                    List<String> some = n % 4 == 3 ? items : List.of(items.get(n % 3));
                    n++;
                    try {
                        SyncRequest r = control().startItemSync("demo", some, null, Set.of(), result -> {
                            results.result(result);
                            inFlight.release();
                        });
                        accepted.add(r);
                    } catch (SyncRefusedException e) {
                        refused.incrementAndGet();
                        inFlight.release();
                    }
                }
            } catch (Throwable t) {
                producerErrors.add(t);
            }
        }, "c28-producer");
        producer.start();
        try {
            String[] versions = { "2.0.0", "1.0.0", "2.0.0", "1.0.0", "2.0.0", "1.0.0", "2.0.0", "1.0.0" };
            for (String version : versions) {
                int before = accepted.size();
                Poll.until("more requests to be accepted before updating to " + version,
                        () -> accepted.size() >= before + 10 || !producerErrors.isEmpty());
                update(demo, version.equals("2.0.0") ? DEMO_V2 : DEMO_V1);
                if (waitForEachVersion) {
                    awaitDemoVersion(version);
                }
            }
            awaitDemoVersion("1.0.0");
        } finally {
            stop.set(true);
            producer.join(Poll.WAIT.toMillis());
        }
        assertTrue("producer: " + producerErrors, producerErrors.isEmpty());
        assertTrue("too few requests to show anything: " + accepted.size(), accepted.size() >= 80);

        List<SyncRequest> all = List.copyOf(accepted);
        for (SyncRequest r : all) {
            SyncResult result = Poll.done("the result of request " + r.id(), r.result());
            assertEquals("request " + r.id() + ": " + result, ProgressStatus.SUCCEEDED, result.status());
        }
        for (SyncRequest r : all) {
            Poll.until("the listener's result of request " + r.id(), () -> results.count(r.id()) >= 1);
            Poll.until("requestFinished for request " + r.id(), () -> finished.containsKey(r.id()));
        }
        // A last request through the whole pipeline, then count: none told twice.
        Results last = new Results();
        SyncRequest barrier = control().startItemSync("demo", List.of("alpha"), null, Set.of(), last);
        Poll.done("the last request", barrier.result());
        Poll.until("the last listener call", () -> last.count(barrier.id()) == 1 && finished.containsKey(barrier.id()));
        assertEquals("requests told twice through their listener", Map.of(), results.duplicates());
        for (SyncRequest r : all) {
            assertEquals("requestFinished calls for request " + r.id(), 1, finished.get(r.id()).get());
        }
        assertEquals("every request has its result", all.size(),
                all.stream().filter(r -> results.count(r.id()) == 1).count());
        System.out.println("C28 (" + (waitForEachVersion ? "paced" : "back to back") + ", " + demoConfig + "): "
                + all.size() + " requests accepted, " + refused.get() + " refused");
    }
}
