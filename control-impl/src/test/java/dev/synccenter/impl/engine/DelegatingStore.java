package dev.synccenter.impl.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.impl.store.Pruned;
import dev.synccenter.impl.store.Retention;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreHealth;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredRequest;
import dev.synccenter.impl.store.StoredSchedule;
import dev.synccenter.impl.store.SyncStore;

/**
 * A real store whose answers to some submissions a test decides, to bring about what a database
 * only does on a bad day: a commit whose acknowledgement is lost, a failure at a chosen change.
 * Everything else goes to the real store underneath, which the test closes itself.
 */
final class DelegatingStore implements SyncStore {

    final SyncStore real;
    /** Answers a submission itself (a future), or null to let the real store take it. */
    volatile Function<StoreChange, CompletableFuture<Void>> answer = c -> null;

    DelegatingStore(SyncStore real) {
        this.real = real;
    }

    @Override
    public String name() {
        return "delegating " + real.name();
    }

    @Override
    public long reserveRequestIds(int count) {
        return real.reserveRequestIds(count);
    }

    @Override
    public CompletableFuture<Void> submit(StoreChange change) {
        CompletableFuture<Void> own = answer.apply(change);
        return own != null ? own : real.submit(change);
    }

    @Override
    public List<StoredRequest> unfinished(long afterId, int limit) {
        return real.unfinished(afterId, limit);
    }

    @Override
    public Optional<SyncResult> result(long requestId) {
        return real.result(requestId);
    }

    @Override
    public List<SyncResult> history(HistoryFilter filter) {
        return real.history(filter);
    }

    @Override
    public List<SyncEvent> events(EventFilter filter) {
        return real.events(filter);
    }

    @Override
    public List<dev.synccenter.control.audit.AuditEntry> audit(int limit) {
        return real.audit(limit);
    }

    @Override
    public List<StoredBackoff> backoffs() {
        return real.backoffs();
    }

    @Override
    public List<StoredSchedule> schedules() {
        return real.schedules();
    }

    @Override
    public Map<StateKey, Boolean> states() {
        return real.states();
    }

    @Override
    public Pruned prune(Retention retention) {
        return real.prune(retention);
    }

    @Override
    public StoreHealth health() {
        return real.health();
    }

    @Override
    public void close() {
        // the test closes the real store
    }
}
