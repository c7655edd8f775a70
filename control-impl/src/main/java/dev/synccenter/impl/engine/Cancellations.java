package dev.synccenter.impl.engine;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;

/**
 * Takes items or whole queues out and ends what waited for them (C20, C21, C26, C29, C32, C35).
 * Running sessions are only asked to cancel: they end through {@link Sessions}.
 *
 * <p>Lock rule: every method runs with the engine lock held.
 */
final class Cancellations {

    private final EngineLock lock;
    private final Sessions sessions;
    private final RequestBook book;
    private final Reporter reporter;
    private final Retries retries;

    Cancellations(EngineLock lock, Sessions sessions, RequestBook book, Reporter reporter, Retries retries) {
        this.lock = lock;
        this.sessions = sessions;
        this.book = book;
        this.reporter = reporter;
        this.retries = retries;
    }

    /** C20: takes items out of queued requests (CANCELED) and asks running sessions to cancel them. */
    void cancelItems(HandlerSlot slot, Set<String> items, String reason) {
        lock.assertHeld();
        Set<Request> touched = new LinkedHashSet<>();
        for (Iterator<QueueEntry> it = slot.queue.iterator(); it.hasNext();) {
            QueueEntry work = it.next();
            for (String itemId : items) {
                List<Request> subscribers = work.take(itemId);
                if (subscribers != null) {
                    for (Request r : subscribers) {
                        book.finish(r, itemId, ProgressStatus.CANCELED, 0, 0);
                        touched.add(r);
                    }
                }
                if (work.allItems) {
                    work.exclude(itemId);
                }
            }
            if (work.isEmpty()) {
                it.remove();
            }
        }
        for (Session s : List.copyOf(slot.sessions)) {
            boolean all = true;
            for (SessionItem si : s.items.values()) {
                if (items.contains(si.itemId) && !si.status.isFinal()) {
                    si.cancelRequested = true;
                }
                all &= si.cancelRequested || si.status.isFinal();
            }
            if (all) {
                sessions.cancelAll(s, reason); // nothing left to do in it: the cancel deadline applies (C22)
            }
        }
        book.settle(touched);
        lock.signalAll();
    }

    /** C21: completes the handler's queued requests CANCELED and asks its sessions to cancel all. */
    void cancelHandler(HandlerSlot slot, String reason) {
        lock.assertHeld();
        dropQueued(slot, ProgressStatus.CANCELED, reason, false);
        for (Session s : List.copyOf(slot.sessions)) {
            sessions.cancelAll(s, reason);
        }
        lock.signalAll();
    }

    /**
     * Fails every queued request of a slot with an error event per item (C26, C32), and those that
     * wait for a retry of one of its items (C43): a handler gone for good is retried no more.
     */
    void failQueued(HandlerSlot slot, String reason) {
        lock.assertHeld();
        dropQueued(slot, ProgressStatus.FAILED, reason, true);
        Set<Request> touched = new LinkedHashSet<>();
        String description = sentence(reason);
        for (Map.Entry<Request, String> waiting : retries.takeWaiting(slot)) {
            Request r = waiting.getKey();
            reporter.event(slot.id, waiting.getValue(), EventLevel.ERROR, "Sync failed", description, r.id, 0);
            book.finish(r, waiting.getValue(), ProgressStatus.FAILED, 1, 0);
            r.reasonIfNone(reason);
            touched.add(r);
        }
        book.settle(touched);
    }

    private void dropQueued(HandlerSlot slot, ProgressStatus status, String reason, boolean withEvents) {
        Set<Request> touched = new LinkedHashSet<>();
        String description = sentence(reason);
        for (QueueEntry work : slot.queue) {
            if (work.allItems && !work.primary.resolved) {
                Request r = work.primary;
                r.resolveEmpty(status);
                book.itemsDecided(r);
                if (withEvents) {
                    reporter.event(slot.id, null, EventLevel.ERROR, "Sync failed", description, r.id, 0);
                    r.errors++;
                }
            }
            for (Map.Entry<String, List<Request>> e : work.items().entrySet()) {
                for (Request r : e.getValue()) {
                    int errors = 0;
                    if (withEvents) {
                        reporter.event(slot.id, e.getKey(), EventLevel.ERROR, "Sync failed", description, r.id, 0);
                        errors = 1;
                    }
                    book.finish(r, e.getKey(), status, errors, 0);
                    touched.add(r);
                }
            }
            touched.add(work.primary);
        }
        slot.queue.clear();
        for (Request r : touched) {
            r.reasonIfNone(reason);
        }
        book.settle(touched);
    }

    /** "handler unavailable" becomes "Handler unavailable.": an event's description is a sentence. */
    private static String sentence(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
