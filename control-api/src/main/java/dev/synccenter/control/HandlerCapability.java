package dev.synccenter.control;

/**
 * Sync Center's {@code SYNCMGR_HANDLER_CAPABILITIES}. The platform acts on
 * {@link #SUPPORTS_CONCURRENT_SESSIONS} and {@link #CONFLICT_STORE}; the others are kept and shown
 * so that consoles can offer the matching tasks.
 */
public enum HandlerCapability {
    PROVIDES_ICON,
    /** The handler keeps its own event store; it calls {@code updateEvents} when it changes. */
    EVENT_STORE,
    /** The platform reads {@code SyncHandler.conflicts()} after sessions and on update-conflicts. */
    CONFLICT_STORE,
    /** Up to the configured number of sessions of this handler may run at once (C9). */
    SUPPORTS_CONCURRENT_SESSIONS,
    CAN_BROWSE_CONTENT,
    CAN_SHOW_SCHEDULE,
    QUERY_BEFORE_ACTIVATE,
    QUERY_BEFORE_DEACTIVATE,
    QUERY_BEFORE_ENABLE,
    QUERY_BEFORE_DISABLE
}
