package dev.synccenter.impl.metadata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.HandlerType;

/**
 * A handler's metadata as last read (C31): immutable, replaced whole when read again.
 *
 * @param name null when it could not be read: the handler is then neither listed nor synced (C32)
 * @param problem why the name could not be read, or null
 * @param lastSyncTime what the handler said, or null to let the platform track it
 * @param ownActive what the handler said, or null when the platform keeps the state (C30)
 * @param ownEnabled what the handler said, or null when the platform keeps the state (C29)
 * @param items the readable items by ID, in the handler's order
 */
public record HandlerMetadata(String name, String problem, HandlerType type, String typeLabel, String comment,
        Instant lastSyncTime, Boolean ownActive, Boolean ownEnabled, boolean connected,
        Set<HandlerCapability> capabilities, Set<HandlerPolicy> policies, Map<String, ItemMetadata> items) {

    public HandlerMetadata {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** Metadata of a handler that could not be read at all. */
    public static HandlerMetadata unreadable(String problem) {
        return new HandlerMetadata(null, problem, HandlerType.UNSPECIFIED, "", "", null, null, null, true,
                Set.of(), Set.of(), Map.of());
    }

    public boolean listed() {
        return name != null;
    }

    public boolean prevents(HandlerPolicy... any) {
        for (HandlerPolicy p : any) {
            if (policies.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The same metadata with one more item (a committed proposal, C13). */
    public HandlerMetadata withItem(ItemMetadata item) {
        Map<String, ItemMetadata> more = new LinkedHashMap<>(items);
        more.putIfAbsent(item.id(), item);
        return new HandlerMetadata(name, problem, type, typeLabel, comment, lastSyncTime, ownActive, ownEnabled,
                connected, capabilities, policies, more);
    }
}
