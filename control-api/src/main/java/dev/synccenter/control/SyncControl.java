package dev.synccenter.control;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts, queues, stops and reports syncs of handlers' items: Sync Center's {@code ISyncMgrControl}
 * as an OSGi service.
 *
 * <p>Every operation validates all of its arguments before it changes anything. A bad argument is
 * refused with a {@link SyncArgumentException} that names it; a call the platform's state or a
 * policy forbids is refused with a {@link SyncRefusedException}. In both cases nothing was queued,
 * changed or delivered.
 *
 * <p>No operation runs handler code on the caller's thread. Start calls return as soon as the
 * request is queued. The other operations apply the platform's own state at once; whatever they
 * need from the handler (its {@code enable}, {@code activate}, or a re-read of its metadata) runs on
 * a platform thread, and the call waits for it only when {@link ControlFlag#WAIT} is given.
 */
@ProviderType
public interface SyncControl {

    /**
     * Starts a sync of some items of one handler ({@code StartItemSync}).
     *
     * @param handlerId the handler's ID (C1)
     * @param itemIds the items to sync, at least one, no duplicates; the list's size is
     *     Sync Center's {@code cItems}
     * @param context handed unchanged to the handler's {@code synchronize} ({@code punk}); may be
     *     null
     * @param flags sync control flags; never null, use {@code Set.of()} for none
     * @param listener told the request's single result ({@code pResult}); may be null
     * @return the accepted request, whose {@link SyncRequest#result()} completes with the same
     *     result the listener gets
     * @throws SyncArgumentException if an argument is invalid, names an unknown handler or an item
     *     the handler does not have
     * @throws SyncRefusedException if the handler is inactive or disabled, a policy prevents the
     *     sync, or the platform is stopping
     */
    SyncRequest startItemSync(String handlerId, List<String> itemIds, Object context,
            Set<SyncControlFlag> flags, SyncResultListener listener);

    /**
     * Starts a sync of every enabled item of one handler, as they are when its session starts
     * ({@code StartHandlerSync}).
     *
     * @see #startItemSync(String, List, Object, Set, SyncResultListener)
     */
    SyncRequest startHandlerSync(String handlerId, Object context, Set<SyncControlFlag> flags,
            SyncResultListener listener);

    /**
     * Starts one handler sync for every active, enabled handler whose policies allow it
     * ({@code StartSyncAll}). Sync Center gives this call no flags and no result listener; the
     * returned handles are this platform's addition, for consoles.
     *
     * @return the requests it started, possibly none
     */
    List<SyncRequest> startSyncAll();

    /**
     * Stops syncing some items of one handler ({@code StopItemSync}): they leave the handler's
     * queued requests as {@link ProgressStatus#CANCELED}, and a running session is asked to cancel
     * them.
     */
    void stopItemSync(String handlerId, List<String> itemIds);

    /**
     * Stops the handler's syncs ({@code StopHandlerSync}): its queued requests complete canceled
     * and running sessions are asked to cancel all, with a deadline.
     */
    void stopHandlerSync(String handlerId);

    /** Stops all syncs of all handlers ({@code StopSyncAll}). */
    void stopSyncAll();

    /**
     * Re-reads the metadata of every handler ({@code UpdateHandlerCollection}). The OSGi service
     * registry is the one handler collection, so Sync Center's collection CLSID has no
     * counterpart.
     */
    void updateHandlerCollection(Set<ControlFlag> flags);

    /** Re-reads one handler's metadata and its items ({@code UpdateHandler}). */
    void updateHandler(String handlerId, Set<ControlFlag> flags);

    /** Re-reads one item's metadata ({@code UpdateItem}). */
    void updateItem(String handlerId, String itemId, Set<ControlFlag> flags);

    /**
     * Tells listeners that the handler's own event store changed ({@code UpdateEvents}).
     *
     * @param itemId the item whose events changed, or null for the handler
     */
    void updateEvents(String handlerId, String itemId, Set<ControlFlag> flags);

    /**
     * Re-reads the handler's conflicts and tells listeners ({@code UpdateConflicts}).
     *
     * @param itemId the item whose conflicts changed, or null for the handler
     */
    void updateConflicts(String handlerId, String itemId, Set<ControlFlag> flags);

    /** Activates or deactivates a handler ({@code ActivateHandler}); the state survives restarts. */
    void activateHandler(boolean activate, String handlerId, Set<ControlFlag> flags);

    /** Enables or disables a handler ({@code EnableHandler}); the state survives restarts. */
    void enableHandler(boolean enable, String handlerId, Set<ControlFlag> flags);

    /** Enables or disables one item ({@code EnableItem}); the state survives restarts. */
    void enableItem(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags);

    /** The handlers a console shows: serving and parked ones, ordered by ID. */
    List<HandlerSnapshot> handlers();

    /** One handler, if it is listed. */
    Optional<HandlerSnapshot> handler(String handlerId);

    /** The requests that are queued, parked or running, oldest first. */
    List<RequestSnapshot> requests();

    /**
     * A page of the open requests that match, oldest first: only the page is copied, however many
     * are queued (C41). The platform's implementation reads no more than it lists; this default,
     * for other implementations, filters {@link #requests()}.
     *
     * @throws SyncArgumentException if {@code filter} is null
     * @since 1.2.0
     */
    default List<RequestSnapshot> requests(RequestFilter filter) {
        if (filter == null) {
            throw new SyncArgumentException("filter", "must not be null; use RequestFilter.FIRST_PAGE");
        }
        return requests().stream().filter(r -> filter.matches(r.handlerId(), r.phase())).skip(filter.offset())
                .limit(filter.limit()).toList();
    }

    /** One request: unfinished, or finished recently enough to be kept in the history. */
    Optional<RequestSnapshot> request(long requestId);

    /**
     * Results of the history that match the filter, newest first (C38): the durable way to learn a
     * request's result, also after a restart.
     *
     * @since 1.1.0
     */
    List<SyncResult> history(HistoryFilter filter);

    /** Events in the event store that match the filter, newest first. */
    List<SyncEvent> events(EventFilter filter);

    /**
     * The conflicts last read from handlers' conflict stores.
     *
     * @param handlerId a handler, or null for all
     * @param itemId an item, or null for all
     */
    List<SyncConflict> conflicts(String handlerId, String itemId);

    // ---- retries and schedules (C42 to C45), since 1.3.0

    /**
     * The items in backoff after transient failures (C43), ordered by handler and item, with the
     * requests whose next attempt waits for them.
     *
     * @since 1.3.0
     */
    List<BackoffSnapshot> backoffs();

    /**
     * "Retry now": ends the item's backoff, and the requests that wait for it queue their next
     * attempt at once (C43), unless the handler or the item is disabled or inactive (C45).
     *
     * @throws SyncArgumentException if an ID is invalid, or the item is not in backoff
     * @since 1.3.0
     */
    void retryNow(String handlerId, String itemId);

    /**
     * "Give up": ends the item's backoff, and each request that waits for it ends the item now as
     * that request's own last attempt ended (FAILED, or DISCONNECTED), with the attempts it took (C43).
     *
     * @throws SyncArgumentException if an ID is invalid, or the item is not in backoff
     * @since 1.3.0
     */
    void giveUp(String handlerId, String itemId);

    /**
     * Creates a schedule, or replaces the one with the same ID that came through the control service
     * (C44); it is stored before this returns. A replaced schedule keeps its last run, and its next
     * run is computed again from the new spec.
     *
     * @throws SyncArgumentException if the spec or one of its fields is invalid (named), or its ID is
     *     that of a schedule from a configuration, which only its configuration changes
     * @throws SyncRefusedException if the store could not record it (C40) or the platform is stopping
     * @since 1.3.0
     */
    ScheduleSnapshot putSchedule(ScheduleSpec spec);

    /**
     * Removes a schedule that came through the control service; a run it started goes on.
     *
     * @return false if there was no such schedule
     * @throws SyncArgumentException if the ID is invalid, or names a schedule from a configuration
     * @since 1.3.0
     */
    boolean removeSchedule(String scheduleId);

    /** Every schedule, from configurations and the control service, ordered by ID (C44). @since 1.3.0 */
    List<ScheduleSnapshot> schedules();

    /** One schedule. @since 1.3.0 */
    Optional<ScheduleSnapshot> schedule(String scheduleId);

    // ---- resolving conflicts (C46, C47), since 1.4.0

    /**
     * Resolves conflicts of one handler with one choice ({@code ISyncMgrConflict::Resolve} with the
     * choice Sync Center's resolution UI would pass). Each resolution runs the handler's {@link
     * dev.synccenter.handler.ConflictResolver} on a platform thread, under the handler call deadline,
     * one conflict after the other, as its feedback says; the call returns when all have run. Then the
     * handler's conflict store is read again: a resolved conflict stays listed until the store no
     * longer reports it (C47). A resolution that throws or runs past its deadline leaves its conflict
     * listed, with an error event.
     *
     * @param conflictIds the conflicts, listed now by {@link #conflicts(String, String)}; at least one
     * @param applyToAll also resolve, after these, the other listed conflicts of this handler of the
     *     same type as the first ("apply to all")
     * @return one outcome per conflict tried or skipped, in order
     * @throws SyncArgumentException if an ID is invalid or not listed, or the choice is invalid or one
     *     of the conflicts does not offer it (named)
     * @throws SyncRefusedException if the handler has no service now, resolves no conflicts, or the
     *     platform is stopping
     * @since 1.4.0
     */
    List<ResolutionOutcome> resolveConflicts(String handlerId, List<String> conflictIds, ConflictChoice choice,
            boolean applyToAll);
}
