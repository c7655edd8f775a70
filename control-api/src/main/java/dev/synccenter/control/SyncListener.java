package dev.synccenter.control;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener (C34): register it as an OSGi service to be told what happens. Every method
 * has an empty default, so implement only what you need.
 *
 * <p>Calls come on a platform thread, one at a time and in order for each listener. A listener that
 * throws is logged; one that blocks holds up only its own later notifications (C19).
 */
@ConsumerType
public interface SyncListener {

    /** A start call was accepted. */
    default void requestAccepted(RequestSnapshot request) {
    }

    /** A session with some of the request's items started. */
    default void requestStarted(RequestSnapshot request) {
    }

    /** A handler reported progress for an item in a session. */
    default void itemProgress(String handlerId, long sessionId, ItemProgress progress) {
    }

    /** A handler set its progress text in a session. */
    default void handlerProgress(String handlerId, long sessionId, String text) {
    }

    /** A request's single result was delivered. */
    default void requestFinished(SyncResult result) {
    }

    /** An event was added to the event store. */
    default void eventReported(SyncEvent event) {
    }

    /** A handler appeared, changed, was parked or went away. */
    default void handlerChanged(String handlerId, HandlerChange change) {
    }
}
