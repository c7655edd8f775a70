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
 * @since 1.1.0 for {@code servedBy}
 */
public record RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
        RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items,
        SyncResult result, String servedBy) {

    public RequestSnapshot {
        flags = Set.copyOf(flags);
        items = List.copyOf(items);
    }

    /** A snapshot without the serving bundle, as snapshots were before 1.1.0. */
    public RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
            RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items, SyncResult result) {
        this(id, handlerId, kind, flags, phase, acceptedAt, startedAt, items, result, null);
    }
}
