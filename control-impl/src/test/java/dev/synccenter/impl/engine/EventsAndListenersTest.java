package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

class EventsAndListenersTest extends EngineFixture {

    @Override
    EngineSettings settings() {
        return super.settings().withEventRetentionCount(5);
    }

    // C33
    @Test
    void c33_eventsAreListedByHandlerItemAndLevelNewestFirstAndRetentionIsBounded() {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            cb.reportEvent("a", EventLevel.INFORMATION, "i1", "");
            cb.reportEvent("b", EventLevel.WARNING, "w1", "");
            cb.reportEvent(null, EventLevel.ERROR, "e1", "");
        }));
        register("g", new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportEvent("a", EventLevel.ERROR, "g1", "")));
        SyncRequest h = start("h", "a", "b");
        resultOf(h);
        resultOf(start("g", "a"));
        assertThat(engine.events(EventFilter.ALL)).extracting(SyncEvent::name).containsExactly("g1", "e1", "w1", "i1");
        assertThat(engine.events(EventFilter.ALL.handler("h").item("b"))).extracting(SyncEvent::name).containsExactly("w1");
        assertThat(engine.events(EventFilter.ALL.atLeast(EventLevel.WARNING))).extracting(SyncEvent::name)
                .containsExactly("g1", "e1", "w1");
        assertThat(engine.events(EventFilter.ALL.newest(2))).hasSize(2);
        assertThat(engine.events(EventFilter.ALL.handler("h")).get(0).requestId()).isEqualTo(h.id());
        resultOf(start("h", "a"));
        assertThat(engine.events(EventFilter.ALL)).as("retention keeps the newest 5").hasSize(5)
                .extracting(SyncEvent::name).containsExactly("e1", "w1", "i1", "g1", "e1");
    }

    // C33
    @Test
    void c33_updateEventsTellsListenersThatTheHandlersOwnStoreChanged() {
        List<HandlerChange> changes = new CopyOnWriteArrayList<>();
        engine.listenerAdded(new SyncListener() {
            @Override
            public void handlerChanged(String handlerId, HandlerChange change) {
                changes.add(change);
            }
        });
        register("h", new TestHandler("a"));
        engine.updateEvents("h", "a", Set.of(ControlFlag.WAIT));
        engine.updateConflicts("h", null, Set.of(ControlFlag.WAIT));
        await().atMost(WAIT).until(() -> changes.contains(HandlerChange.CONFLICTS_CHANGED));
        assertThat(changes).containsSubsequence(HandlerChange.ADDED, HandlerChange.EVENTS_CHANGED,
                HandlerChange.CONFLICTS_CHANGED);
    }

    // C34
    @Test
    void c34_listenersAreToldOfRequestsProgressEventsAndHandlersInOrder() {
        List<String> told = new CopyOnWriteArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void requestAccepted(RequestSnapshot request) {
                told.add("accepted " + request.id());
            }

            @Override
            public void requestStarted(RequestSnapshot request) {
                told.add("started " + request.id());
            }

            @Override
            public void itemProgress(String handlerId, long sessionId, ItemProgress progress) {
                told.add("progress " + progress.itemId() + " " + progress.status());
            }

            @Override
            public void handlerProgress(String handlerId, long sessionId, String text) {
                told.add("handler " + text);
            }

            @Override
            public void eventReported(SyncEvent event) {
                told.add("event " + event.name());
            }

            @Override
            public void requestFinished(SyncResult result) {
                told.add("finished " + result.requestId());
            }

            @Override
            public void handlerChanged(String handlerId, HandlerChange change) {
                told.add(handlerId + " " + change);
            }
        };
        engine.listenerAdded(listener);
        HandlerRef ref = register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.UPDATING, 1, 2);
            cb.setHandlerProgressText("half");
            cb.reportEvent("a", EventLevel.INFORMATION, "note", "");
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 2, 2);
        }));
        SyncRequest request = start("h", "a");
        resultOf(request);
        engine.handlerRemoved(ref);
        long id = request.id();
        await().atMost(WAIT).until(() -> told.contains("h PARKED"));
        assertThat(told).containsExactly("h ADDED", "accepted " + id, "started " + id, "progress a UPDATING",
                "handler half", "event note", "progress a SUCCEEDED", "finished " + id, "h PARKED");
        engine.listenerRemoved(listener);
        told.clear();
        register("h", new TestHandler("a"));
        resultOf(engine.startItemSync("h", List.of("a"), null, Set.of(), null));
        assertThat(told).isEmpty();
    }
}
