package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.Limits;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.impl.notify.Notifier;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.validate.Args;

/**
 * Everything the engine tells the outside: whiteboard notifications (C34) and events (C33, kept
 * in the store), with the counting of error events that a result reports (C18).
 *
 * <p>Lock rule: the event methods are called with the engine lock held (they count errors on
 * session state); {@link #fire} may be called with or without it, since the {@link Notifier} only
 * queues the notification for a listener thread.
 */
final class Reporter {

    private final EngineLock lock;
    private final Notifier notifier;
    private final Journal journal;
    private final Clock clock;
    private final Pruning pruning;

    Reporter(EngineLock lock, Notifier notifier, Journal journal, Pruning pruning, Clock clock) {
        this.lock = lock;
        this.notifier = notifier;
        this.journal = journal;
        this.pruning = pruning;
        this.clock = clock;
    }

    boolean listening() {
        return !notifier.isEmpty();
    }

    void fire(Consumer<SyncListener> notification) {
        if (!notifier.isEmpty()) {
            notifier.fire(notification);
        }
    }

    void handlerChanged(String handlerId, HandlerChange change) {
        fire(l -> l.handlerChanged(handlerId, change));
    }

    void listenerAdded(SyncListener listener) {
        notifier.add(listener);
    }

    void listenerRemoved(SyncListener listener) {
        notifier.remove(listener);
    }

    /**
     * Records an event of a session and counts an error-level one: on the item, or on the session
     * when it names no item of it (C18: every error event counts in the result).
     */
    UUID sessionEvent(Session session, String itemId, EventLevel level, String name, String description,
            String linkText, String linkReference, String context) {
        lock.assertHeld();
        UUID id = event(session.slot.id, itemId, level, name, description, session.primary.id, session.id,
                linkText, linkReference, context);
        if (level == EventLevel.ERROR) {
            SessionItem si = itemId == null ? null : session.items.get(itemId);
            if (si != null) {
                si.errors++;
            } else {
                session.sessionErrors++;
            }
        }
        return id;
    }

    /** Records an event that no session counts: the caller accounts for it in the result itself. */
    UUID event(String handlerId, String itemId, EventLevel level, String name, String description, long requestId,
            long sessionId) {
        lock.assertHeld();
        return event(handlerId, itemId, level, name, description, requestId, sessionId, null, null, null);
    }

    /** Events from the store, newest first (C33, C39). */
    List<SyncEvent> events(EventFilter filter) {
        return journal.store().events(filter);
    }

    private UUID event(String handlerId, String itemId, EventLevel level, String name, String description,
            long requestId, long sessionId, String linkText, String linkReference, String context) {
        // Every text is bounded (C41): an event store of N events holds at most N times these sizes.
        SyncEvent event = new SyncEvent(UUID.randomUUID(), clock.instant(), handlerId, itemId, level,
                Args.cut(name, Limits.MAX_NAME_LENGTH),
                description == null ? "" : Args.cutMarked(description, Limits.MAX_EVENT_TEXT_LENGTH),
                linkText == null ? null : Args.cut(linkText, Limits.MAX_NAME_LENGTH),
                Args.cutMarked(linkReference, Limits.MAX_LINK_LENGTH),
                Args.cutMarked(context, Limits.MAX_EVENT_TEXT_LENGTH), requestId, sessionId);
        journal.record(new StoreChange.EventReported(event));
        pruning.eventRecorded();
        fire(l -> l.eventReported(event));
        return event.id();
    }
}
