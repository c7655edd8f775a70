package dev.synccenter.control;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which open requests to list, a page at a time, so that a console or an API asking for 20 of ten
 * million queued requests costs 20 snapshots, not ten million (C41). Null or empty fields do not
 * filter.
 *
 * @param handlerId only this handler's requests
 * @param phases    only requests in these phases (QUEUED, PARKED, RUNNING); empty for all
 * @param offset    how many matching requests to skip, oldest first
 * @param limit     at most this many (1 to {@value #MAX_LIMIT})
 * @since 1.2.0
 */
public record RequestFilter(String handlerId, Set<RequestPhase> phases, int offset, int limit) {

    /** The most one page may hold. */
    public static final int MAX_LIMIT = 10_000;

    /** The first 100 open requests of any handler and phase. */
    public static final RequestFilter FIRST_PAGE = new RequestFilter(null, Set.of(), 0, 100);

    public RequestFilter {
        phases = phases == null || phases.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(phases));
        if (offset < 0) {
            throw new SyncArgumentException("offset", "must not be negative, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new SyncArgumentException("limit", "must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Whether a request of this handler in this phase is one to list. */
    public boolean matches(String handler, RequestPhase phase) {
        return (handlerId == null || handlerId.equals(handler)) && (phases.isEmpty() || phases.contains(phase));
    }

    public RequestFilter handler(String id) {
        return new RequestFilter(id, phases, offset, limit);
    }

    public RequestFilter phases(Set<RequestPhase> value) {
        return new RequestFilter(handlerId, value, offset, limit);
    }

    public RequestFilter page(int skip, int count) {
        return new RequestFilter(handlerId, phases, skip, count);
    }
}
