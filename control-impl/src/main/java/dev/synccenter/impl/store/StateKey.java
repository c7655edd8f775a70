package dev.synccenter.impl.store;

import java.util.Objects;

/**
 * One enabled/active state the platform keeps (C29, C30).
 *
 * @param handlerId the handler
 * @param itemId the item for {@link Switch#ITEM_ENABLED}, else null
 * @param what which state
 */
public record StateKey(String handlerId, String itemId, Switch what) {

    /** The states there are. */
    public enum Switch {
        HANDLER_ENABLED, HANDLER_ACTIVE, ITEM_ENABLED
    }

    public StateKey {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(what, "what");
        if ((what == Switch.ITEM_ENABLED) != (itemId != null)) {
            throw new IllegalArgumentException(what + " needs " + (itemId == null ? "an item ID" : "no item ID"));
        }
    }

    public static StateKey handlerEnabled(String handlerId) {
        return new StateKey(handlerId, null, Switch.HANDLER_ENABLED);
    }

    public static StateKey handlerActive(String handlerId) {
        return new StateKey(handlerId, null, Switch.HANDLER_ACTIVE);
    }

    public static StateKey itemEnabled(String handlerId, String itemId) {
        return new StateKey(handlerId, itemId, Switch.ITEM_ENABLED);
    }
}
