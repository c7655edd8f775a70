package dev.synccenter.control;

/** Where a request is in its life. */
public enum RequestPhase {
    /** Accepted, waiting for its handler to be free. */
    QUEUED,
    /** Accepted, waiting for a service to serve its handler ID (C26). */
    PARKED,
    /** At least one of its items is in a running session. */
    RUNNING,
    /**
     * None of its items runs or is queued now: the unfinished ones wait for a retry after a
     * transient failure (C43).
     *
     * @since 1.3.0
     */
    WAITING,
    /** Its result has been delivered. */
    DONE
}
