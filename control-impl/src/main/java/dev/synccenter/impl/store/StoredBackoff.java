package dev.synccenter.impl.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An item's backoff as the store keeps it (C43).
 *
 * @param failures transient failures in a row since its last success
 * @param delay the delay the last failure set, jitter included; the next failure doubles it
 * @param retryAt the end of the backoff
 * @param reason why the last attempt failed
 */
public record StoredBackoff(String handlerId, String itemId, int failures, Duration delay, Instant retryAt,
        String reason) {

    public StoredBackoff {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryAt, "retryAt");
        reason = reason == null ? "" : reason;
    }
}
