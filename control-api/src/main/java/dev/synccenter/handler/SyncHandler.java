package dev.synccenter.handler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.HandlerType;
import dev.synccenter.control.SyncConflict;

/**
 * A sync handler ({@code ISyncMgrHandler} with {@code ISyncMgrHandlerInfo} and
 * {@code ISyncMgrSyncItemContainer}): register it as an OSGi service with the service property
 * {@value #HANDLER_ID}, most simply with {@code @Component} and {@link SyncHandlerId}.
 *
 * <p>The platform reads the metadata getters when the service appears and when an update call asks
 * it to (C31), and caches what they return. The getters are read together, on a platform thread,
 * under one deadline (the handler call timeout). A getter that throws or answers null gives its
 * default (C32), except {@link #name()}: a handler without a readable name is neither listed nor
 * synced. A read that runs past the deadline counts as an unreadable name.
 */
@ConsumerType
public interface SyncHandler {

    /** The service property that holds the handler ID (C3). */
    String HANDLER_ID = "sync.handler.id";

    /** The display name ({@code GetName}); cut to 127 characters. Required. */
    String name();

    /** {@code ISyncMgrHandlerInfo::GetType}. */
    default HandlerType type() {
        return HandlerType.UNSPECIFIED;
    }

    /** {@code GetTypeLabel}, for example the device model. */
    default String typeLabel() {
        return "";
    }

    /** {@code GetComment}, a summary such as "32 contacts"; cut to 127 characters. */
    default String comment() {
        return "";
    }

    /** {@code GetLastSyncTime}; empty lets the platform track it ({@code E_NOTIMPL}). */
    default Optional<Instant> lastSyncTime() {
        return Optional.empty();
    }

    /**
     * {@code IsActive}; empty lets the platform keep the state ({@code E_NOTIMPL}), which it then
     * keeps across restarts (C29, C30). A handler that answers keeps its own state.
     */
    default Optional<Boolean> isActive() {
        return Optional.empty();
    }

    /** {@code IsEnabled}; empty lets the platform keep the state, as for {@link #isActive()}. */
    default Optional<Boolean> isEnabled() {
        return Optional.empty();
    }

    /** {@code IsConnected}; a disconnected handler is not synced. A throw counts as connected. */
    default boolean isConnected() {
        return true;
    }

    /** {@code GetCapabilities}. */
    default Set<HandlerCapability> capabilities() {
        return Set.of();
    }

    /** {@code GetPolicies}: the actions that are normally allowed but are not now. */
    default Set<HandlerPolicy> policies() {
        return Set.of();
    }

    /** The items ({@code GetSyncItemEnumerator}); items without a readable ID or name are ignored. */
    List<SyncItem> items();

    /** Called after the platform activated or deactivated the handler ({@code Activate}). */
    default void activate(boolean activate) {
    }

    /** Called after the platform enabled or disabled the handler ({@code Enable}). */
    default void enable(boolean enable) {
    }

    /**
     * The handler's conflict store ({@code ISyncMgrConflictStore}), read after each session and on
     * {@code updateConflicts} when {@link HandlerCapability#CONFLICT_STORE} is declared. The
     * platform fills in each conflict's handler ID.
     */
    default List<SyncConflict> conflicts() {
        return List.of();
    }

    /**
     * How the handler resolves its conflicts ({@code GetResolutionHandler}, C46), or null when the
     * platform cannot resolve them. Read on a platform thread, under the handler call deadline.
     *
     * @since 1.2.0
     */
    default ConflictResolver conflictResolver() {
        return null;
    }

    /**
     * Syncs some items ({@code Synchronize}); runs on a platform worker thread and returns when the
     * sync is done (C12).
     *
     * <p>Report each item's progress and final status through the callback, and check
     * {@link SyncCallback#canContinue(String)} (or the answer of {@code reportProgress}) to honour
     * cancellation. Items left without a final status end SUCCEEDED when this method returns, and
     * FAILED when it throws (C15); an item that was asked to cancel and has no final status ends
     * CANCELED, never SUCCEEDED, since it was not synced to the end. After the handler's service went away mid-session, unfinished
     * items are synced again by the next service with this ID, under the same request ID (C27):
     * use it to recognise a request you have already seen.
     *
     * @param itemIds the items to sync, none disabled
     * @param callback the session, valid until this method returns
     * @param context the object the caller passed to the start call, or null
     * @param requestId the ID of the request this session serves
     */
    void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId)
            throws Exception;
}
