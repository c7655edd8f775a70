package dev.synccenter.control;

/**
 * A control call was refused because of the platform's state or a policy; nothing changed.
 */
public class SyncRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Why a call was refused. */
    public enum Reason {
        /** The handler is inactive (C30). */
        HANDLER_INACTIVE,
        /** The handler is disabled (C29). */
        HANDLER_DISABLED,
        /** A handler or item policy forbids the call (C7, C23, C29). */
        POLICY,
        /** The call needs the handler's service, and none serves the ID now (C26). */
        HANDLER_UNAVAILABLE,
        /** The control service is stopping (C35). */
        SHUTTING_DOWN,
        /**
         * The platform holds as many open requests as its configured bound allows (C41); the call
         * may be made again once some have finished.
         *
         * @since 1.1.0
         */
        QUEUE_FULL,
        /**
         * The store could not record the call (disk full, read-only, database down), so nothing
         * was accepted or changed (C40); the platform recovers by itself when the store is back.
         *
         * @since 1.1.0
         */
        STORE_FAILED
    }

    private final Reason reason;

    public SyncRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
