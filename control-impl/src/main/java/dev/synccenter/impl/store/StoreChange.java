package dev.synccenter.impl.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.SyncResult;

/**
 * One change to the store, as the engine makes it. Each is small and carries IDs, not objects, so
 * the engine can submit it under its lock and forget it. The records check what a store cannot
 * check later (a final status where one is needed), and nothing else.
 */
public sealed interface StoreChange {

    /**
     * A start call was accepted (C36).
     *
     * @param context the context as {@link ContextCodec} encoded it; null when there was none or
     *     it could not be stored
     * @param volatileContext true when the context could not be stored: the request is volatile
     * @param itemIds the items of an item sync in request order; for a handler sync only those it
     *     took from a running session at acceptance (C10), usually none: the rest come with
     *     {@link ItemsResolved}
     */
    record RequestAccepted(long requestId, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
            String context, boolean volatileContext, Instant acceptedAt, List<String> itemIds)
            implements StoreChange {
        public RequestAccepted {
            positive(requestId);
            Objects.requireNonNull(handlerId, "handlerId");
            Objects.requireNonNull(kind, "kind");
            flags = Set.copyOf(flags);
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            itemIds = List.copyOf(itemIds);
            if (volatileContext && context != null) {
                throw new IllegalArgumentException("a volatile request has no stored context");
            }
        }
    }

    /**
     * Items were added to a request: a handler sync's items, decided when its session started
     * (C8), after those it already has; the request counts as resolved from then on. An item it
     * already has is refused (a primary key).
     */
    record ItemsResolved(long requestId, List<String> itemIds) implements StoreChange {
        public ItemsResolved {
            positive(requestId);
            itemIds = List.copyOf(itemIds);
        }
    }

    /** A session started an item of a request; {@code attempt} counts from 1. */
    record ItemStarted(long requestId, String itemId, int attempt, Instant at) implements StoreChange {
        public ItemStarted {
            positive(requestId);
            Objects.requireNonNull(itemId, "itemId");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
            }
            Objects.requireNonNull(at, "at");
        }
    }

    /** An item of a request became final; it keeps this outcome (C37). */
    record ItemFinished(long requestId, String itemId, ProgressStatus status, int errors, int conflicts,
            Instant at) implements StoreChange {
        public ItemFinished {
            positive(requestId);
            Objects.requireNonNull(itemId, "itemId");
            if (status == null || !status.isFinal()) {
                throw new IllegalArgumentException("an item finishes with a final status, not " + status);
            }
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An item of a request failed transiently and waits for its next attempt, not before {@code
     * retryAt} (C43); after a restart it waits still. Also written with an earlier {@code retryAt}
     * when an operator says "retry now".
     */
    record ItemDeferred(long requestId, String itemId, Instant retryAt, String reason, Instant at)
            implements StoreChange {
        public ItemDeferred {
            positive(requestId);
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(retryAt, "retryAt");
            reason = reason == null ? "" : reason;
            Objects.requireNonNull(at, "at");
        }
    }

    /** An item's backoff after transient failures (C43): set, or made longer; one row per handler and item. */
    record BackoffSet(StoredBackoff backoff, Instant at) implements StoreChange {
        public BackoffSet {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(at, "at");
        }
    }

    /** An item's backoff ended: a success, "retry now" or "give up" (C43). Absent already is fine. */
    record BackoffCleared(String handlerId, String itemId) implements StoreChange {
        public BackoffCleared {
            Objects.requireNonNull(handlerId, "handlerId");
            Objects.requireNonNull(itemId, "itemId");
        }
    }

    /** A schedule was created, changed, ran or was held (C44): its whole row, inserted or replaced. */
    record ScheduleSaved(StoredSchedule schedule) implements StoreChange {
        public ScheduleSaved {
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** A schedule was removed (C44). Absent already is fine. */
    record ScheduleRemoved(String scheduleId) implements StoreChange {
        public ScheduleRemoved {
            Objects.requireNonNull(scheduleId, "scheduleId");
        }
    }

    /** A request has its one result (C17): it leaves the unfinished requests for the history. */
    record RequestFinished(SyncResult result) implements StoreChange {
        public RequestFinished {
            Objects.requireNonNull(result, "result");
            positive(result.requestId());
            Objects.requireNonNull(result.finishedAt(), "result.finishedAt");
        }
    }

    /** An event was reported (C33). */
    record EventReported(SyncEvent event) implements StoreChange {
        public EventReported {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(event.id(), "event.id");
            Objects.requireNonNull(event.time(), "event.time");
        }
    }

    /** An enabled/active state was set (C29, C30). */
    record StateChanged(StateKey key, boolean value) implements StoreChange {
        public StateChanged {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A state-changing call from a remote surface, recorded before it takes effect (C51). */
    record AuditRecorded(AuditEntry entry) implements StoreChange {
        public AuditRecorded {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** The request a change is about; 0 for the changes that are about none (events, states, ...). */
    static long requestOf(StoreChange change) {
        if (change instanceof RequestAccepted a) {
            return a.requestId();
        } else if (change instanceof ItemsResolved r) {
            return r.requestId();
        } else if (change instanceof ItemStarted s) {
            return s.requestId();
        } else if (change instanceof ItemFinished f) {
            return f.requestId();
        } else if (change instanceof ItemDeferred d) {
            return d.requestId();
        } else if (change instanceof RequestFinished f) {
            return f.result().requestId();
        }
        return 0;
    }

    private static void positive(long requestId) {
        if (requestId <= 0) {
            throw new IllegalArgumentException("request IDs are positive, was " + requestId);
        }
    }
}
