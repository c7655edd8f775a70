package dev.synccenter.http;

import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;

/**
 * An answer other than success, with the JSON error body every refusal has:
 * {@code {"error": "...", "argument": "...", "reason": "..."}} (argument and reason only when they apply).
 * Thrown by routes; the servlet writes it. Carries no stack trace to the client, ever.
 */
class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason when no control service is registered. */
    static final String NO_CONTROL = "NO_CONTROL_SERVICE";
    /** The reason when no audit trail is there to record a state change (C51). */
    static final String NO_AUDIT = "AUDIT_UNAVAILABLE";

    final int status;
    final String argument;
    final String reason;

    ApiException(int status, String error, String argument, String reason) {
        super(error, null, false, false);
        this.status = status;
        this.argument = argument;
        this.reason = reason;
    }

    /** 400: a bad argument, named as the API's documentation names it (a query parameter, a body field). */
    static ApiException badArgument(String argument, String problem) {
        return new ApiException(400, argument + ": " + problem, argument, null);
    }

    static ApiException notFound(String argument, String error) {
        return new ApiException(404, error, argument, null);
    }

    static ApiException unavailable(String error, String reason) {
        return new ApiException(503, error, null, reason);
    }

    /**
     * The control service's refusals in the API's vocabulary: a bad argument is 400, naming it as the
     * Java API does ({@code itemIds[1]}); a refusal by state or policy is 409 with its reason; a store
     * that cannot record (C40), a platform that is stopping (C35) or a full queue (C41) is 503, since
     * the same call may succeed later.
     */
    static ApiException of(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof SyncArgumentException arg) {
            return new ApiException(400, e.getMessage(), arg.argument(), null);
        }
        if (e instanceof SyncRefusedException refused) {
            SyncRefusedException.Reason r = refused.reason();
            int status = switch (r) {
                case STORE_FAILED, SHUTTING_DOWN, QUEUE_FULL -> 503;
                default -> 409;
            };
            return new ApiException(status, e.getMessage(), null, r.name());
        }
        return null;
    }
}
