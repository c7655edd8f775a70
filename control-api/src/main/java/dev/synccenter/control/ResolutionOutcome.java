package dev.synccenter.control;

import java.util.Objects;

/**
 * What became of one conflict in a resolution call (C46, C47).
 *
 * @param conflictId the conflict
 * @param result how its resolution went
 * @param message why it failed or was skipped; empty when resolved
 * @since 1.4.0
 */
public record ResolutionOutcome(String conflictId, Result result, String message) {

    /** How a conflict's resolution went. */
    public enum Result {
        /**
         * The handler's resolution returned. The conflict stays listed until the handler's conflict
         * store no longer reports it (C47): the platform reads the store again after the call.
         */
        RESOLVED,
        /** The resolution threw or ran past its deadline: the conflict stays listed, with an error event (C47). */
        FAILED,
        /** Not tried: an earlier resolution answered CANCEL, or REFRESH ended "apply to all". */
        SKIPPED
    }

    public ResolutionOutcome {
        Objects.requireNonNull(conflictId, "conflictId");
        Objects.requireNonNull(result, "result");
        message = message == null ? "" : message;
    }
}
