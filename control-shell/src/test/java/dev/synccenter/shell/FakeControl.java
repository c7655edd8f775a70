package dev.synccenter.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncResultListener;

/**
 * A control service that records calls and answers from what the test put in. It keeps no backoffs
 * and no schedules: the commands about those are tested on the real engine
 * ({@code BackoffCommandsTest}, {@code ScheduleCommandsTest}); here they answer as an engine with
 * none would.
 */
class FakeControl implements SyncControl {

    final List<String> calls = new ArrayList<>();
    final List<HandlerSnapshot> handlers = new ArrayList<>();
    final Map<Long, RequestSnapshot> requests = new ConcurrentHashMap<>();
    final List<SyncEvent> events = new ArrayList<>();
    EventFilter lastFilter;
    /** Thrown by stopSyncAll, to stand for a fault of the platform. */
    RuntimeException fault;
    long nextId = 41;

    private SyncRequest request(String handlerId) {
        long id = ++nextId;
        return new SyncRequest() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public String handlerId() {
                return handlerId;
            }

            @Override
            public CompletionStage<dev.synccenter.control.SyncResult> result() {
                return new CompletableFuture<>();
            }
        };
    }

    private void known(String handlerId) {
        if (handlers.stream().noneMatch(h -> h.id().equals(handlerId))) {
            throw new SyncArgumentException("handlerId", "no handler '" + handlerId + "' is registered or parked");
        }
    }

    @Override
    public SyncRequest startItemSync(String handlerId, List<String> itemIds, Object context,
            Set<SyncControlFlag> flags, SyncResultListener listener) {
        calls.add("startItemSync " + handlerId + " " + itemIds + " " + flags);
        known(handlerId);
        return request(handlerId);
    }

    @Override
    public SyncRequest startHandlerSync(String handlerId, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener) {
        calls.add("startHandlerSync " + handlerId + " " + flags);
        known(handlerId);
        return request(handlerId);
    }

    @Override
    public List<SyncRequest> startSyncAll() {
        calls.add("startSyncAll");
        return handlers.stream().map(h -> request(h.id())).toList();
    }

    @Override
    public void stopItemSync(String handlerId, List<String> itemIds) {
        calls.add("stopItemSync " + handlerId + " " + itemIds);
    }

    @Override
    public void stopHandlerSync(String handlerId) {
        calls.add("stopHandlerSync " + handlerId);
    }

    @Override
    public void stopSyncAll() {
        calls.add("stopSyncAll");
        if (fault != null) {
            throw fault;
        }
    }

    @Override
    public void updateHandlerCollection(Set<ControlFlag> flags) {
        calls.add("updateHandlerCollection " + flags);
    }

    @Override
    public void updateHandler(String handlerId, Set<ControlFlag> flags) {
        calls.add("updateHandler " + handlerId + " " + flags);
    }

    @Override
    public void updateItem(String handlerId, String itemId, Set<ControlFlag> flags) {
        calls.add("updateItem " + handlerId + " " + itemId + " " + flags);
    }

    @Override
    public void updateEvents(String handlerId, String itemId, Set<ControlFlag> flags) {
        calls.add("updateEvents");
    }

    @Override
    public void updateConflicts(String handlerId, String itemId, Set<ControlFlag> flags) {
        calls.add("updateConflicts");
    }

    @Override
    public void activateHandler(boolean activate, String handlerId, Set<ControlFlag> flags) {
        calls.add("activateHandler " + activate + " " + handlerId + " " + flags);
    }

    @Override
    public void enableHandler(boolean enable, String handlerId, Set<ControlFlag> flags) {
        calls.add("enableHandler " + enable + " " + handlerId + " " + flags);
    }

    @Override
    public void enableItem(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags) {
        calls.add("enableItem " + enable + " " + handlerId + " " + itemId + " " + flags);
    }

    @Override
    public List<HandlerSnapshot> handlers() {
        return List.copyOf(handlers);
    }

    @Override
    public Optional<HandlerSnapshot> handler(String handlerId) {
        return handlers.stream().filter(h -> h.id().equals(handlerId)).findFirst();
    }

    @Override
    public List<RequestSnapshot> requests() {
        return requests.values().stream().filter(r -> r.result() == null)
                .sorted(java.util.Comparator.comparingLong(RequestSnapshot::id)).toList(); // oldest first
    }

    @Override
    public Optional<RequestSnapshot> request(long requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    /** Results the history command lists, newest first, and the last filter it asked with. */
    final List<SyncResult> history = new ArrayList<>();
    HistoryFilter lastHistoryFilter;

    @Override
    public List<SyncResult> history(HistoryFilter filter) {
        lastHistoryFilter = filter;
        return history.stream().filter(r -> filter.handlerId() == null || filter.handlerId().equals(r.handlerId()))
                .filter(r -> filter.status() == null || filter.status() == r.status())
                .limit(filter.limit() == 0 ? Long.MAX_VALUE : filter.limit()).toList();
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        lastFilter = filter;
        return events.stream().filter(filter::matches).toList();
    }

    @Override
    public List<SyncConflict> conflicts(String handlerId, String itemId) {
        return List.of();
    }

    @Override
    public List<BackoffSnapshot> backoffs() {
        return List.of();
    }

    @Override
    public void retryNow(String handlerId, String itemId) {
        calls.add("retryNow " + handlerId + " " + itemId);
        notInBackoff(handlerId, itemId);
    }

    @Override
    public void giveUp(String handlerId, String itemId) {
        calls.add("giveUp " + handlerId + " " + itemId);
        notInBackoff(handlerId, itemId);
    }

    private void notInBackoff(String handlerId, String itemId) {
        known(handlerId);
        throw new SyncArgumentException("itemId", "item '" + itemId + "' of handler '" + handlerId
                + "' is not in backoff");
    }

    @Override
    public ScheduleSnapshot putSchedule(ScheduleSpec spec) {
        calls.add("putSchedule " + spec);
        throw new UnsupportedOperationException("FakeControl keeps no schedules");
    }

    @Override
    public boolean removeSchedule(String scheduleId) {
        calls.add("removeSchedule " + scheduleId);
        return false;
    }

    /** As a control service that lists no conflicts answers (C46). */
    @Override
    public List<dev.synccenter.control.ResolutionOutcome> resolveConflicts(String handlerId, List<String> conflictIds,
            dev.synccenter.control.ConflictChoice choice, boolean applyToAll) {
        calls.add("resolveConflicts " + handlerId + " " + conflictIds);
        throw new dev.synccenter.control.SyncArgumentException("conflictIds[0]", "handler '" + handlerId
                + "' lists no conflict '" + conflictIds.get(0) + "' now");
    }

    @Override
    public List<ScheduleSnapshot> schedules() {
        return List.of();
    }

    @Override
    public Optional<ScheduleSnapshot> schedule(String scheduleId) {
        return Optional.empty();
    }
}
