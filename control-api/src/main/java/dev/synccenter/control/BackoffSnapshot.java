package dev.synccenter.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An item in backoff (C43): it failed transiently, and its handler is not asked to sync it again
 * before {@code retryAt}, unless an operator says "retry now" or a caller starts it by hand.
 *
 * @param handlerId its handler
 * @param itemId the item
 * @param failures transient failures in a row since its last success
 * @param delay the backoff that the last failure set, jitter included
 * @param retryAt the end of the backoff
 * @param reason why the last attempt failed
 * @param waitingRequests the requests whose next attempt of this item waits for the end of the
 *     backoff, in ID order; empty when none waits (their attempts ran out, or none asked)
 * @since 1.3.0
 */
public record BackoffSnapshot(String handlerId, String itemId, int failures, java.time.Duration delay,
        Instant retryAt, String reason, List<Long> waitingRequests) {

    public BackoffSnapshot {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(retryAt, "retryAt");
        reason = reason == null ? "" : reason;
        waitingRequests = List.copyOf(waitingRequests);
    }
}
