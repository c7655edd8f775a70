package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;

import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;

/** How the engine follows handler services: duplicates, bad IDs, property changes, standbys. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistryIT extends ItestSupport {

    @Test
    public void c3_higherRankingServesAndTheOtherStandsBy() {
        ProbeHandler low = ProbeHandler.quick("Low");
        ProbeHandler high = ProbeHandler.quick("High");
        register(low, "c3-rank", 0);
        ServiceRegistration<SyncHandler> highReg = register(high, "c3-rank", 10); // registered later: higher service.id

        HandlerSnapshot snapshot = awaitServedBy("c3-rank", highReg);
        assertEquals("the other service stands by", 1, snapshot.standbys());
        assertEquals("High", snapshot.name());

        SyncResult result = Poll.done("the c3-rank sync",
                control().startItemSync("c3-rank", List.of("a"), null, Set.of(), null).result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals("the higher ranking synced", 1, high.calls.size());
        assertEquals("the standby did not", 0, low.calls.size());
    }

    @Test
    public void c3_equalRankingLowerServiceIdServes() {
        ProbeHandler first = ProbeHandler.quick("First");
        ProbeHandler second = ProbeHandler.quick("Second");
        ServiceRegistration<SyncHandler> firstReg = register(first, "c3-tie", 3);
        register(second, "c3-tie", 3);

        HandlerSnapshot snapshot = awaitServedBy("c3-tie", firstReg);
        assertEquals(1, snapshot.standbys());

        Poll.done("the c3-tie sync", control().startItemSync("c3-tie", List.of("b"), null, Set.of(), null).result());
        assertEquals(1, first.calls.size());
        assertEquals(0, second.calls.size());
    }

    @Test
    public void c4_handlerWithMissingOrInvalidIdIsIgnoredAndNothingThrows() {
        List<FrameworkEvent> errors = Collections.synchronizedList(new ArrayList<>());
        FrameworkListener frameworkErrors = e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                errors.add(e);
            }
        };
        context.addFrameworkListener(frameworkErrors);
        try {
            Set<String> before = listedIds();
            Map<String, Object> badIds = Map.of(
                    "too long", "x".repeat(64),
                    "empty", "",
                    "leading space", " c4-padded",
                    "control character", "c4\u0007bell",
                    "not a string", 42);
            List<ProbeHandler> ignored = new ArrayList<>();
            List<ServiceRegistration<SyncHandler>> ignoredRegs = new ArrayList<>();
            ProbeHandler missing = ProbeHandler.quick("Missing ID");
            ignored.add(missing);
            ignoredRegs.add(register(missing, null, null));
            badIds.forEach((why, id) -> {
                ProbeHandler h = ProbeHandler.quick("Bad ID: " + why);
                ignored.add(h);
                ignoredRegs.add(register(h, id, null));
            });
            // A valid handler registered after them: once it is listed, the engine has seen them all.
            ServiceRegistration<SyncHandler> validReg = register(ProbeHandler.quick("Valid"), "c4-valid", null);
            awaitServedBy("c4-valid", validReg);

            Set<String> expected = new TreeSet<>(before);
            expected.add("c4-valid");
            assertEquals("only the valid handler is listed", expected, listedIds());
            for (ProbeHandler h : ignored) {
                assertEquals(h + " was never read", 0, h.nameReads.get());
            }
            // C1: a start call for the too-long ID is refused at once; nothing is queued.
            assertThrows(SyncArgumentException.class,
                    () -> control().startItemSync("x".repeat(64), List.of("a"), null, Set.of(), null));
            assertTrue(control().requests().isEmpty());

            ignoredRegs.forEach(ServiceRegistration::unregister); // going away is ignored too
            assertEquals(expected, listedIds());
            assertTrue("framework errors: " + errors, errors.isEmpty());
        } finally {
            context.removeFrameworkListener(frameworkErrors);
        }
    }

    @Test
    public void c24_handlerIsUsableAtOnce() {
        ProbeHandler handler = ProbeHandler.quick("At once");
        register(handler, "c24-now", null);
        // No wait between the registration and the start call.
        SyncRequest request = control().startItemSync("c24-now", List.of("a", "b"), null, Set.of(), null);

        SyncResult result = Poll.done("the c24-now sync", request.result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals(Map.of("a", ProgressStatus.SUCCEEDED, "b", ProgressStatus.SUCCEEDED), result.items());
        assertEquals(List.of(request.id()), handler.requestIds());
    }

    @Test
    public void c24_rankingChangeTakesEffect() {
        ProbeHandler a = ProbeHandler.quick("A");
        ProbeHandler b = ProbeHandler.quick("B");
        ServiceRegistration<SyncHandler> aReg = register(a, "c24-rank", 0);
        ServiceRegistration<SyncHandler> bReg = register(b, "c24-rank", 0);
        awaitServedBy("c24-rank", aReg);

        bReg.setProperties(handlerProperties("c24-rank", 10));
        HandlerSnapshot snapshot = awaitServedBy("c24-rank", bReg);
        assertEquals(1, snapshot.standbys());
        Poll.done("the sync after the ranking change",
                control().startItemSync("c24-rank", List.of("c"), null, Set.of(), null).result());
        assertEquals(1, b.calls.size());
        assertEquals(0, a.calls.size());

        bReg.setProperties(handlerProperties("c24-rank", -5));
        awaitServedBy("c24-rank", aReg);
    }

    @Test
    public void c24_idChangeTakesEffect() {
        ProbeHandler a = ProbeHandler.quick("A");
        ProbeHandler b = ProbeHandler.quick("B");
        ServiceRegistration<SyncHandler> aReg = register(a, "c24-id", 5);
        ServiceRegistration<SyncHandler> bReg = register(b, "c24-id", 0);
        awaitServedBy("c24-id", aReg);

        aReg.setProperties(handlerProperties("c24-renamed", 5));
        awaitServedBy("c24-renamed", aReg);
        HandlerSnapshot old = awaitServedBy("c24-id", bReg);
        assertEquals(0, old.standbys());

        // C4 with C24: a serving service whose ID turns invalid no longer serves.
        aReg.setProperties(handlerProperties("c24 renamed\t", 5));
        awaitParked("c24-renamed");

        // C4 with C24: an ignored service that gets a valid ID is tracked from then on.
        ProbeHandler c = ProbeHandler.quick("C");
        ServiceRegistration<SyncHandler> cReg = register(c, "bad id ", null);
        cReg.setProperties(handlerProperties("c24-fixed", null));
        awaitServedBy("c24-fixed", cReg);
        Poll.done("the c24-fixed sync",
                control().startItemSync("c24-fixed", List.of("a"), null, Set.of(), null).result());
        assertEquals(1, c.calls.size());
    }

    @Test
    public void c25_standbyServesOnceTheFirstIsUnregistered() {
        ProbeHandler first = ProbeHandler.quick("First");
        ProbeHandler standby = ProbeHandler.quick("Standby");
        ServiceRegistration<SyncHandler> firstReg = register(first, "c25", 5);
        ServiceRegistration<SyncHandler> standbyReg = register(standby, "c25", 0);
        awaitServedBy("c25", firstReg);

        firstReg.unregister();
        HandlerSnapshot snapshot = awaitServedBy("c25", standbyReg);
        assertEquals(0, snapshot.standbys());
        SyncResult result = Poll.done("the c25 sync",
                control().startItemSync("c25", List.of("a"), null, Set.of(), null).result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals(1, standby.calls.size());
        assertEquals(0, first.calls.size());
    }

    @Test
    public void c25_c27_unfinishedItemsOfTheFirstRunAgainOnTheStandby() {
        CountDownLatch neverOpens = new CountDownLatch(1);
        ProbeHandler first = ProbeHandler.gatedAfterFirst("First", neverOpens);
        ProbeHandler standby = ProbeHandler.quick("Standby");
        ServiceRegistration<SyncHandler> firstReg = register(first, "c25-run", 5);
        ServiceRegistration<SyncHandler> standbyReg = register(standby, "c25-run", 0);
        awaitServedBy("c25-run", firstReg);
        Results results = new Results();
        SyncRequest request = control().startItemSync("c25-run", List.of("a", "b", "c"), null, Set.of(), results);
        Poll.await("the first service's session", first.entered); // a is SUCCEEDED, b and c are not final

        firstReg.unregister(); // its session is asked to cancel; the standby serves and re-runs b and c
        awaitServedBy("c25-run", standbyReg);
        SyncResult result = Poll.done("the re-run on the standby", request.result());

        assertEquals(Map.of("a", ProgressStatus.SUCCEEDED, "b", ProgressStatus.SUCCEEDED,
                "c", ProgressStatus.SUCCEEDED), result.items());
        assertEquals(List.of(request.id()), first.requestIds());
        assertEquals("same request ID on the standby", List.of(request.id()), standby.requestIds());
        assertEquals("only the unfinished items ran again", List.of("b", "c"), standby.calls.peek().itemIds());
        Poll.until("the listener's result", () -> results.count(request.id()) == 1);
        assertFalse(neverOpens.getCount() == 0);
    }

    private Set<String> listedIds() {
        return control().handlers().stream().map(HandlerSnapshot::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
