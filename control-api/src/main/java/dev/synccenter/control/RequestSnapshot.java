package dev.synccenter.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request as a console shows it.
 *
 * @param items each item's progress; for a handler sync, empty until its session starts
 * @param startedAt null until a session of it started
 * @param result null until {@link RequestPhase#DONE}; it says when the request finished
 * @param servedBy the handler bundle (symbolic name and version) whose service runs or ran its items,
 *     as in {@link SyncResult#servedBy()}; null until a session took one of its items
 * @param waiting its items that wait for a retry after a transient failure (C43), with when and why
 * @since 1.1.0 for {@code servedBy}; 1.3.0 for {@code waiting}
 */
public record RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
        RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items,
        SyncResult result, String servedBy, List<WaitingItem> waiting) {

    public RequestSnapshot {
        flags = Set.copyOf(flags);
        items = List.copyOf(items);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    /** A snapshot without waiting items, as snapshots were before 1.3.0. */
    public RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
            RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items, SyncResult result,
            String servedBy) {
        this(id, handlerId, kind, flags, phase, acceptedAt, startedAt, items, result, servedBy, List.of());
    }

    /** A snapshot without the serving bundle, as snapshots were before 1.1.0. */
    public RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
            RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items, SyncResult result) {
        this(id, handlerId, kind, flags, phase, acceptedAt, startedAt, items, result, null, List.of());
    }
}
