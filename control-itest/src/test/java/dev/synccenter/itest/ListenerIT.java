package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;

/** C34: listeners registered on the whiteboard are told what happens. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ListenerIT extends ItestSupport {

    /** Everything a listener was told, as text, in order. */
    static final class Recorder implements SyncListener {
        final Queue<String> told = new ConcurrentLinkedQueue<>();

        @Override
        public void requestAccepted(RequestSnapshot request) {
            told.add("accepted " + request.id() + " " + request.handlerId());
        }

        @Override
        public void requestStarted(RequestSnapshot request) {
            told.add("started " + request.id());
        }

        @Override
        public void requestFinished(SyncResult result) {
            told.add("finished " + result.requestId() + " " + result.status());
        }

        @Override
        public void handlerChanged(String handlerId, HandlerChange change) {
            told.add("handler " + handlerId + " " + change);
        }
    }

    @Test
    public void c34_whiteboardListenerIsToldAboutRequestsAndHandlers() {
        Recorder recorder = new Recorder();
        ServiceRegistration<SyncListener> listenerReg = registerListener(recorder);

        ServiceRegistration<SyncHandler> reg = register(ProbeHandler.quick("Told"), "c34", null);
        Poll.until("handlerChanged ADDED", () -> recorder.told.contains("handler c34 ADDED"));

        SyncRequest request = control().startItemSync("c34", List.of("a", "b"), null, Set.of(), null);
        Poll.done("the c34 sync", request.result());
        long id = request.id();
        Poll.until("requestFinished", () -> recorder.told.contains("finished " + id + " SUCCEEDED"));
        List<String> told = List.copyOf(recorder.told);
        assertTrue(told.toString(), told.contains("accepted " + id + " c34"));
        assertTrue(told.toString(), told.contains("started " + id));
        assertTrue("in order: " + told, told.indexOf("accepted " + id + " c34") < told.indexOf("started " + id)
                && told.indexOf("started " + id) < told.indexOf("finished " + id + " SUCCEEDED"));

        control().enableHandler(false, "c34", Set.of(ControlFlag.WAIT));
        Poll.until("handlerChanged CHANGED", () -> recorder.told.contains("handler c34 CHANGED"));
        control().enableHandler(true, "c34", Set.of(ControlFlag.WAIT));

        reg.unregister();
        Poll.until("handlerChanged PARKED", () -> recorder.told.contains("handler c34 PARKED"));

        // A listener that went away is told nothing more.
        listenerReg.unregister();
        int before = recorder.told.size();
        ServiceRegistration<SyncHandler> again = register(ProbeHandler.quick("Told again"), "c34", null);
        awaitServedBy("c34", again);
        SyncResult result = Poll.done("a sync after the listener left",
                control().startItemSync("c34", List.of("c"), null, Set.of(), null).result());
        assertEquals(ProgressStatus.SUCCEEDED, result.status());
        assertEquals("told after unregistering: " + recorder.told, before, recorder.told.size());
    }
}
