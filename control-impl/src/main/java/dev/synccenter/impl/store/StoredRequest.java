package dev.synccenter.impl.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;

/**
 * An accepted request without a result, with everything recovery needs (C37).
 *
 * @param requestId its ID
 * @param handlerId its handler
 * @param kind item sync or handler sync
 * @param flags its flags
 * @param context its context, decoded; null when it had none or when {@code volatileContext}
 * @param volatileContext true when its context could not be stored (C36): after a restart the
 *     request cannot run as asked, and its result is FAILED with a reason that says so
 * @param acceptedAt when it was accepted
 * @param resolved false for a handler sync whose items were not decided yet (C8)
 * @param items its items in request order, each with its state
 */
public record StoredRequest(long requestId, String handlerId, RequestKind kind, Set<SyncControlFlag> flags,
        Object context, boolean volatileContext, Instant acceptedAt, boolean resolved, List<StoredItem> items) {

    public StoredRequest {
        flags = Set.copyOf(flags);
        items = List.copyOf(items);
    }
}
