package dev.synccenter.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request as a console shows it.
 *
 * @param items each item's progress; for a handler sync, empty until its session starts
 * @param startedAt null until a session of it started
 * @param result null until {@link RequestPhase#DONE}
 */
public record RequestSnapshot(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
        RequestPhase phase, Instant acceptedAt, Instant startedAt, List<ItemProgress> items,
        SyncResult result) {

    public RequestSnapshot {
        flags = Set.copyOf(flags);
        items = List.copyOf(items);
    }
}
