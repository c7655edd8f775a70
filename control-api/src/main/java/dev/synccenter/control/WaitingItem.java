package dev.synccenter.control;

import java.time.Instant;
import java.util.Objects;

/**
 * An item of a request that failed transiently and waits for its next attempt (C43).
 *
 * @param itemId the item
 * @param attempts how many sessions started it so far
 * @param retryAt when it runs again, at the earliest (a disabled or inactive handler holds it longer, C45)
 * @param reason why its last attempt failed
 * @since 1.3.0
 */
public record WaitingItem(String itemId, int attempts, Instant retryAt, String reason) {

    public WaitingItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(retryAt, "retryAt");
        reason = reason == null ? "" : reason;
    }
}
