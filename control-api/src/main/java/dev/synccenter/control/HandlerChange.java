package dev.synccenter.control;

/** What happened to a handler, as listeners are told (C34, C31, C33). */
public enum HandlerChange {
    /** A service now serves the ID and its metadata has been read. */
    ADDED,
    /** Its metadata or the platform's state for it (enabled, active) changed. */
    CHANGED,
    /** No service serves it any more; its requests are parked (C26). */
    PARKED,
    /**
     * It is no longer listed: it was parked and no service came back within the park timeout
     * (C26), or its name can no longer be read (C32).
     */
    REMOVED,
    /** Its own event store changed ({@code updateEvents}). */
    EVENTS_CHANGED,
    /** Its conflicts changed ({@code updateConflicts}). */
    CONFLICTS_CHANGED
}
