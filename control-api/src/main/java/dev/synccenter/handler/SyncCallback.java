package dev.synccenter.handler;

import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;

/**
 * The session a handler reports to while it syncs ({@code ISyncMgrSyncCallback}, C13). Valid until
 * {@code synchronize} returns; calls after that, or after the platform abandoned the session (C22),
 * are ignored and answer {@link CancelRequest#CANCEL_ALL} or false.
 *
 * <p>Where Sync Center answers {@code E_INVALIDARG} this throws {@link IllegalArgumentException};
 * where it answers {@code E_ACCESSDENIED}, {@link IllegalStateException}.
 */
@ProviderType
public interface SyncCallback {

    /**
     * Reports an item's progress ({@code ReportProgress}). Per item: UPDATING or
     * UPDATING_INDETERMINATE any number of times, then one final status; after a final status only
     * FAILED is accepted (C14).
     *
     * @param text progress text, may be null; cut to 259 characters
     * @param step current step (ignored for UPDATING_INDETERMINATE)
     * @param maxStep last step (ignored for UPDATING_INDETERMINATE)
     * @return whether a cancel of this item or of the session was asked for
     * @throws IllegalArgumentException if the item is not in this session or the status is one only
     *     the platform sets
     * @throws IllegalStateException if the transition is illegal; the item is then FAILED
     */
    CancelRequest reportProgress(String itemId, String text, ProgressStatus status, long step, long maxStep);

    /**
     * Reports an item as failed, and whether it is worth another attempt (C42): the item's status
     * becomes FAILED, as through {@code reportProgress}, and the platform retries a transient failure
     * with backoff (C43) until the request's attempts run out. Accepted after another final status,
     * as FAILED is (C14).
     *
     * @throws IllegalArgumentException if the item is not in this session or the failure is null
     * @since 1.1.0
     */
    CancelRequest reportFailure(String itemId, ItemFailure failure);

    /** Sets the handler's progress text ({@code SetHandlerProgressText}); cut to 259 characters. */
    CancelRequest setHandlerProgressText(String text);

    /**
     * Reports an event ({@code ReportEvent}); error-level events count in the result's error count.
     *
     * @param itemId the item, or null for an event about the handler
     * @return the event's ID
     */
    default UUID reportEvent(String itemId, EventLevel level, String name, String description) {
        return reportEvent(itemId, level, name, description, null, null, null);
    }

    /**
     * Reports an event with a link and handler-private context ({@code ReportEvent}).
     *
     * @param linkText may be null
     * @param linkReference may be null
     * @param context may be null
     */
    UUID reportEvent(String itemId, EventLevel level, String name, String description, String linkText,
            String linkReference, String context);

    /**
     * {@code CanContinue}: false once a cancel of this item or of the session was asked for.
     *
     * @param itemId an item of this session, or null for the whole session
     * @throws IllegalArgumentException if the item is not in this session
     */
    boolean canContinue(String itemId);

    /** {@code CanContinue(NULL)}: false once a cancel of the whole session was asked for. */
    default boolean canContinue() {
        return canContinue(null);
    }

    /** {@code QueryForAdditionalItems}: the items queued behind this session, and their contexts. */
    PendingItems queryForAdditionalItems();

    /**
     * {@code AddItemToSession}: syncs one more item in this session. If the item is queued, it is
     * taken out of the queued requests, whose results take its outcome from this session (C16).
     *
     * @throws IllegalArgumentException if the item is already in the session, is unknown or is
     *     disabled
     */
    void addItemToSession(String itemId);

    /**
     * {@code ProposeItem}: an item found during the sync, not listed until committed.
     *
     * @throws IllegalArgumentException if an item with that ID exists or the ID is invalid
     */
    void proposeItem(SyncItem item);

    /**
     * {@code CommitItem}: the proposed item joins the handler's items and is listed from now on.
     *
     * @throws IllegalArgumentException if the item was not proposed first
     */
    void commitItem(String itemId);

    /** {@code ReportManualSync}: this sync was asked for by a person, outside the control service. */
    void reportManualSync();
}
