package dev.synccenter.impl.store;

import java.time.Instant;

import dev.synccenter.control.ProgressStatus;

/**
 * One item of an unfinished request as the store has it.
 *
 * @param itemId the item
 * @param state pending, running or final
 * @param outcome the final status when {@code state} is FINAL, else null
 * @param attempts how many times a session started it (0 while never started)
 * @param errors error events of the item, once final
 * @param conflicts conflicts of the item, once final
 * @param startedAt when its last attempt started; null when never
 * @param finishedAt when it became final; null until then
 * @param retryAt when WAITING: the earliest time of its next attempt (C43); else null
 * @param lastError when WAITING: why its last attempt failed; else null
 */
public record StoredItem(String itemId, ItemState state, ProgressStatus outcome, int attempts, int errors,
        int conflicts, Instant startedAt, Instant finishedAt, Instant retryAt, String lastError) {

    /** An item that is not waiting for a retry. */
    public StoredItem(String itemId, ItemState state, ProgressStatus outcome, int attempts, int errors,
            int conflicts, Instant startedAt, Instant finishedAt) {
        this(itemId, state, outcome, attempts, errors, conflicts, startedAt, finishedAt, null, null);
    }
}
