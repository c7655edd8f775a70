package dev.synccenter.impl.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;

/**
 * The durable store beneath the engine (C36 to C41): the one seam between the engine and a
 * database. Plain Java on purpose: no JDBC type crosses it, so the engine can be tested with an
 * in-memory double and the store with a real database.
 *
 * <p>Writes go through {@link #submit}: changes are queued and committed in groups, in submission
 * order, and a change counts as stored only once its future has completed normally. Every failure
 * is a {@link StoreException} that names the store and what failed.
 */
public interface SyncStore extends AutoCloseable {

    /** What this store is, for messages: its kind and where it is (never a password). */
    String name();

    /**
     * Durably reserves a block of request IDs and answers the first: the IDs in {@code [first,
     * first + count)} are never handed out again, across restarts and crashes (C36). Blocks until
     * the reservation is committed.
     *
     * @throws StoreException when the store is failing, closed or the reservation cannot be committed
     */
    long reserveRequestIds(int count);

    /**
     * Queues a change for the next group commit. Never blocks on I/O. The future completes when
     * the change is committed, or exceptionally with a {@link StoreException}: at once when the
     * store is closed, failing (C40) or its queue is full (C41); later when the change's
     * transaction fails or the change is refused (a second result for a request, an item that
     * is not there). Completion runs on the store's acknowledgement thread, never the writer's:
     * dependent stages should be short. Each request's changes are committed in the order they
     * were submitted, and so are the changes without a request among themselves; beyond that the
     * order may differ from the submission's (a store may write acceptances apart).
     */
    CompletableFuture<Void> submit(StoreChange change);

    /**
     * Requests without a result, with what recovery needs (C37): those with an ID above {@code
     * afterId}, in ID (acceptance) order, at most {@code limit} of them. Recovery reads them page by
     * page, so that ten million queued requests are never all in memory twice (C41).
     */
    List<StoredRequest> unfinished(long afterId, int limit);

    /** Every request without a result, in ID order: {@link #unfinished(long, int)} page after page. */
    default List<StoredRequest> unfinished() {
        List<StoredRequest> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredRequest> page = unfinished(after, 10_000);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).requestId();
        }
    }

    /** The result of a request, while the history keeps it (C38, C39). */
    Optional<SyncResult> result(long requestId);

    /** Results that match, newest first (C38). */
    List<SyncResult> history(HistoryFilter query);

    /** Events that match, newest first (C33, C39). */
    List<SyncEvent> events(EventFilter filter);

    /** The newest audit entries first, at most {@code limit} (C51). */
    List<AuditEntry> audit(int limit);

    /** Every item in backoff (C43), ordered by handler and item. */
    List<StoredBackoff> backoffs();

    /** Every schedule (C44), ordered by ID. */
    List<StoredSchedule> schedules();

    /** Every enabled/active state that was ever set (C29, C30); what is absent has its default. */
    Map<StateKey, Boolean> states();

    /**
     * Deletes results and events beyond the retention bounds (C39). Blocks until committed.
     *
     * @return how many of each were deleted
     */
    Pruned prune(Retention retention);

    /** Whether the store writes now, or since when and why it does not (C40). */
    StoreHealth health();

    /**
     * Commits what was queued (or fails it when the store is failing), then releases the
     * database. Later calls fail with "closed".
     */
    @Override
    void close();
}
