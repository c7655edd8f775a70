package dev.synccenter.control;

/**
 * How a request's handle completes when the control service stops before the request has its
 * result (C35): the request is not cancelled, it stays in the store and resumes when the service
 * starts again (C37). Its one result, when it comes, goes to the history and to whiteboard
 * listeners (C38); look it up by {@link #requestId()}.
 *
 * @since 1.1.0
 */
public class SyncSuspendedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long requestId;

    public SyncSuspendedException(long requestId) {
        super("request " + requestId + " is suspended: the platform stopped before it finished; it resumes when "
                + "the platform starts again, and its result goes to the history (C35, C38)");
        this.requestId = requestId;
    }

    /** The request, to look up in the history once the platform runs again. */
    public long requestId() {
        return requestId;
    }
}
