package dev.synccenter.control;

/** Whether a service serves a handler ID right now (C24 to C26). */
public enum HandlerAvailability {
    /** A handler service serves the ID; its metadata has been read. */
    SERVING,
    /** No service serves the ID; requests wait for one until the park timeout (C26). */
    PARKED
}
