package dev.synccenter.impl.metadata;

import java.time.Instant;
import java.util.Set;

import dev.synccenter.control.ItemCapability;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.handler.SyncItem;

/**
 * An item as last read from its handler (C31).
 *
 * @param lastSyncTime what the item said, or null to let the platform track it
 * @param ownEnabled what the item said, or null when the platform keeps the state (C29)
 * @param item the handler's object, for {@code enable}
 */
public record ItemMetadata(String id, String name, String typeLabel, String comment, Instant lastSyncTime,
        Boolean ownEnabled, boolean connected, Set<ItemCapability> capabilities, Set<ItemPolicy> policies,
        SyncItem item) {

    public boolean prevents(ItemPolicy... any) {
        for (ItemPolicy p : any) {
            if (policies.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
