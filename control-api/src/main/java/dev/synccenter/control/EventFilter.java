package dev.synccenter.control;

/**
 * Which events to list (C33). Null fields do not filter.
 *
 * @param handlerId only this handler's events
 * @param itemId only this item's events
 * @param minimumLevel only events at this level or above
 * @param limit at most this many, newest first; 0 for no limit
 */
public record EventFilter(String handlerId, String itemId, EventLevel minimumLevel, int limit) {

    /** Every event. */
    public static final EventFilter ALL = new EventFilter(null, null, null, 0);

    public EventFilter handler(String id) {
        return new EventFilter(id, itemId, minimumLevel, limit);
    }

    public EventFilter item(String id) {
        return new EventFilter(handlerId, id, minimumLevel, limit);
    }

    public EventFilter atLeast(EventLevel level) {
        return new EventFilter(handlerId, itemId, level, limit);
    }

    public EventFilter newest(int count) {
        return new EventFilter(handlerId, itemId, minimumLevel, count);
    }

    /** Whether an event passes this filter (the limit aside). */
    public boolean matches(SyncEvent event) {
        return (handlerId == null || handlerId.equals(event.handlerId()))
                && (itemId == null || itemId.equals(event.itemId()))
                && (minimumLevel == null || event.level().compareTo(minimumLevel) >= 0);
    }
}
