package dev.synccenter.handler;

import java.time.Instant;
import java.util.Objects;

/**
 * Why an item failed, and whether the platform should try it again (C42): Android's soft and hard
 * errors and its {@code delayUntil}, for {@link SyncCallback#reportFailure}.
 *
 * <p>Without a word from the handler, the platform decides: {@code FAILED} through
 * {@code reportProgress} is permanent; {@code DISCONNECTED} and an exception thrown from
 * {@code synchronize} are transient.
 *
 * @param kind transient (try again later) or permanent (do not)
 * @param reason what went wrong, for the event log and the operator; cut to 259 characters
 * @param notBefore for a transient failure, a time before which the platform does not try again (a
 *     server's "retry after"); null to let the platform's backoff decide. Always null when permanent.
 * @since 1.1.0
 */
public record ItemFailure(Kind kind, String reason, Instant notBefore) {

    /** Whether a failure is worth another attempt. */
    public enum Kind {
        /** Failed for now (a network error, a locked file, a server that asked to come back later). */
        TRANSIENT,
        /** Failed for good (bad credentials, a file that cannot be read): another attempt would fail too. */
        PERMANENT
    }

    public ItemFailure {
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
        if (kind == Kind.PERMANENT && notBefore != null) {
            throw new IllegalArgumentException("notBefore: a permanent failure is not retried");
        }
    }

    /** Failed for now: the platform tries again after its backoff (C43). */
    public static ItemFailure transientFailure(String reason) {
        return new ItemFailure(Kind.TRANSIENT, reason, null);
    }

    /** Failed for now, and not worth trying again before {@code notBefore} (C42). */
    public static ItemFailure retryAfter(String reason, Instant notBefore) {
        return new ItemFailure(Kind.TRANSIENT, reason, Objects.requireNonNull(notBefore, "notBefore"));
    }

    /** Failed for good: no further attempt (C42). */
    public static ItemFailure permanent(String reason) {
        return new ItemFailure(Kind.PERMANENT, reason, null);
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
