package dev.synccenter.control;

import java.time.Instant;
import java.util.UUID;

/**
 * One event in the event store (C33), as a handler reported it through {@code reportEvent} or as
 * the platform recorded it (a failed item, an abandoned session, an unavailable handler).
 *
 * @param itemId the item, or null for an event about the handler
 * @param linkText optional, may be null
 * @param linkReference optional, may be null
 * @param context handler-private data, may be null
 * @param requestId the request whose session reported it, or 0
 * @param sessionId the session that reported it, or 0
 */
public record SyncEvent(UUID id, Instant time, String handlerId, String itemId, EventLevel level,
        String name, String description, String linkText, String linkReference, String context,
        long requestId, long sessionId) {
}
