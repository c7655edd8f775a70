package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;

import dev.synccenter.control.SyncRequest;

/**
 * C24 with the seed's own example of StartItemSync: a handler bundle (sample-handlers/
 * self-start-handler) whose DS components call {@code startItemSync} on one of their own items from
 * their {@code @Activate} method, with no context, no flags and a result listener. Each test gets a
 * fresh framework, so that the first deployment meets a platform that has never seen the handler ID.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SelfStartIT extends ItestSupport {

    static final String SELF_START_BSN = "dev.synccenter.sample.selfstart";
    static final String SELF_START_V1 = "self-start-handler-v1.jar";
    static final String SELF_START_V2 = "self-start-handler-v2.jar";
    /** The test hook of the sample handler (its Journal): observers get a Map per event. */
    static final String OBSERVER = "dev.synccenter.sample.selfstart.observer";

    @Test
    public void c24_aDelayedComponentStartsASyncOfItsOwnItemFromItsActivation_onFirstDeploymentAndOnUpdate()
            throws Exception {
        selfStartsOnFirstDeploymentAndOnUpdate("self-start");
    }

    @Test
    public void c24_anImmediateComponentStartsASyncOfItsOwnItemFromItsActivation_onFirstDeploymentAndOnUpdate()
            throws Exception {
        selfStartsOnFirstDeploymentAndOnUpdate("self-start-immediate");
    }

    private void selfStartsOnFirstDeploymentAndOnUpdate(String handlerId) throws Exception {
        Observer observer = new Observer();
        Hashtable<String, Object> marker = new Hashtable<>(Map.of(OBSERVER, "true"));
        registerService(Consumer.class, observer, marker);
        assertFalse("a first deployment: the platform has never seen '" + handlerId + "'",
                control().handler(handlerId).isPresent());

        Bundle bundle = installAndStart(SELF_START_BSN, SELF_START_V1);
        selfStarted(observer, handlerId, "1.0.0");

        update(bundle, SELF_START_V2);
        selfStarted(observer, handlerId, "2.0.0");
    }

    /** The component of that bundle version activated outside any bind method, and its own sync ran once. */
    private void selfStarted(Observer observer, String handlerId, String version) {
        Report activated = observer.await(handlerId, version, "activated");
        for (String frame : activated.stack()) {
            boolean ourBind = frame.startsWith("dev.synccenter.impl.SyncCenterComponent.")
                    && frame.matches(".*\\.(bind|updated|unbind)\\w*$");
            boolean scrBind = frame.startsWith("org.apache.felix.scr.impl.manager.DependencyManager.")
                    && frame.matches(".*\\.\\w*(BindMethod|UpdatedMethod)$");
            assertFalse(handlerId + " " + version + " ran handler code (its activation) inside a bind method, at "
                    + frame + "; its stack on thread " + activated.thread() + ":\n  "
                    + String.join("\n  ", activated.stack()), ourBind || scrBind);
        }

        Report start = observer.await(handlerId, version, "accepted", "refused");
        assertEquals(handlerId + " " + version + ": its start call from its activation " + start.values(),
                "accepted", start.event());
        long requestId = (Long) start.values().get("requestId");
        Report result = observer.await(handlerId, version, "result");
        assertEquals(requestId, result.values().get("requestId"));
        assertEquals(handlerId + " " + version + ": " + result.values(), "SUCCEEDED", result.values().get("status"));

        // Exactly one result: results are delivered in order, so once a later request of the same
        // handler has been told its result, a second one for the self-start would have come.
        Results later = new Results();
        SyncRequest barrier = control().startItemSync(handlerId, List.of("inbox"), null, Set.of(), later);
        Poll.until("the result of a later request of " + handlerId, () -> later.count(barrier.id()) == 1);
        assertEquals("results told to the listener of the self-start of " + handlerId + " " + version, 1,
                observer.count(handlerId, version, "result"));
        assertEquals("activations of " + handlerId + " " + version, 1, observer.count(handlerId, version, "activated"));
    }

    /** One event of the test hook, with the stack and thread it was told on. */
    record Report(Map<String, Object> values, List<String> stack, String thread) {
        String event() {
            return (String) values.get("event");
        }

        @Override
        public String toString() {
            return values + " on " + thread;
        }

        boolean is(String handlerId, String version, List<String> events) {
            return handlerId.equals(values.get("handlerId")) && version.equals(values.get("version"))
                    && events.contains(event());
        }
    }

    /** The test hook's observer: keeps every event with the stack it came on. */
    static final class Observer implements Consumer<Map<String, Object>> {

        final Queue<Report> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void accept(Map<String, Object> values) {
            List<String> stack = StackWalker.getInstance()
                    .walk(frames -> frames.map(f -> f.getClassName() + "." + f.getMethodName()).toList());
            reports.add(new Report(values, stack, Thread.currentThread().getName()));
        }

        Report await(String handlerId, String version, String... events) {
            List<String> wanted = List.of(events);
            List<Report> seen = Poll.until(handlerId + " " + version + " to report " + wanted,
                    () -> List.copyOf(reports), all -> all.stream().anyMatch(r -> r.is(handlerId, version, wanted)));
            return seen.stream().filter(r -> r.is(handlerId, version, wanted)).findFirst().orElseThrow();
        }

        long count(String handlerId, String version, String event) {
            return reports.stream().filter(r -> r.is(handlerId, version, List.of(event))).count();
        }
    }
}
