package dev.synccenter.impl.engine;

/** How a session ended: what its unfinished items become (C15, C22). */
enum SessionEnd {
    /** Synchronize returned: unfinished items SUCCEEDED, or CANCELED if they were asked to cancel. */
    RETURNED,
    /** Synchronize threw: unfinished items FAILED, and the exception becomes an error event. */
    THREW,
    /** The session did not return within the cancel grace: unfinished items CANCELED. */
    ABANDONED
}
