package dev.synccenter.control;

/** Where a request is in its life. */
public enum RequestPhase {
    /** Accepted, waiting for its handler to be free. */
    QUEUED,
    /** Accepted, waiting for a service to serve its handler ID (C26). */
    PARKED,
    /** At least one of its items is in a running session. */
    RUNNING,
    /** Its result has been delivered. */
    DONE
}
