package dev.synccenter.http;

import java.util.Set;

/**
 * Which stream events a client wants: of one handler or all, of some types or all.
 *
 * @param handlerId null for every handler
 * @param types     empty for every type
 */
record EventFilterSpec(String handlerId, Set<String> types) {

    static final Set<String> TYPES = Set.of("accepted", "started", "progress", "handler-progress", "result", "event",
            "handler");

    EventFilterSpec {
        types = Set.copyOf(types);
    }

    boolean matches(EventRing.Entry e) {
        return (types.isEmpty() || types.contains(e.type()))
                && (handlerId == null || e.handlerId() == null || handlerId.equals(e.handlerId()));
    }
}
