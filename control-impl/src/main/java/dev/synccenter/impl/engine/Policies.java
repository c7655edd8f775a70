package dev.synccenter.impl.engine;

import java.util.List;

import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.state.StateStore;
import dev.synccenter.impl.store.StateKey;

/**
 * Who may do what (C7, C23, C29, C30, C32, C35), and whose state counts: the handler's own, when it
 * declares that it keeps its enabled and active states itself, else the platform's.
 *
 * <p>Lock rule: called with the engine lock held; the {@link StateStore} it reads and writes has a
 * monitor of its own, taken after the engine lock. The states it holds are the store's (C29, C30):
 * the facade stores a change before it sets it here.
 */
final class Policies {

    /** The two switches of a handler, with the policies and words of each (C29, C30). */
    enum Switch {
        ENABLE(HandlerPolicy.PREVENT_ENABLE, HandlerPolicy.DISABLE_ENABLE, HandlerPolicy.PREVENT_DISABLE,
                HandlerPolicy.DISABLE_DISABLE, "enabling", "disabling", "C29", "handler disabled"),
        ACTIVATE(HandlerPolicy.PREVENT_ACTIVATE, null, HandlerPolicy.PREVENT_DEACTIVATE, null, "activation",
                "deactivation", "C30", "handler deactivated");

        private final HandlerPolicy[] preventOn;
        private final HandlerPolicy[] preventOff;
        private final String on;
        private final String off;
        private final String rule;
        /** Why queued requests are cancelled when the switch turns off. */
        final String offReason;

        Switch(HandlerPolicy preventOn, HandlerPolicy disableOn, HandlerPolicy preventOff, HandlerPolicy disableOff,
                String on, String off, String rule, String offReason) {
            this.preventOn = disableOn == null ? new HandlerPolicy[] {preventOn}
                    : new HandlerPolicy[] {preventOn, disableOn};
            this.preventOff = disableOff == null ? new HandlerPolicy[] {preventOff}
                    : new HandlerPolicy[] {preventOff, disableOff};
            this.on = on;
            this.off = off;
            this.rule = rule;
            this.offReason = offReason;
        }

        /** The store's key of this switch for a handler. */
        StateKey key(String handlerId) {
            return this == ENABLE ? StateKey.handlerEnabled(handlerId) : StateKey.handlerActive(handlerId);
        }

        /** The handler method's name, for logs and events: "enable", "deactivate". */
        String verb(boolean value) {
            return this == ENABLE ? (value ? "enable" : "disable") : (value ? "activate" : "deactivate");
        }
    }

    private final EngineLock lock;
    private final StateStore states;
    // @GuardedBy("EngineLock")
    private boolean stopping;

    Policies(EngineLock lock, StateStore states) {
        this.lock = lock;
        this.states = states;
    }

    // ---- whose state counts

    boolean active(HandlerSlot slot) {
        Boolean own = slot.metadata == null ? null : slot.metadata.ownActive();
        return own != null ? own : states.handlerActive(slot.id);
    }

    boolean enabled(HandlerSlot slot) {
        Boolean own = slot.metadata == null ? null : slot.metadata.ownEnabled();
        return own != null ? own : states.handlerEnabled(slot.id);
    }

    boolean itemEnabled(HandlerSlot slot, ItemMetadata item) {
        return item.ownEnabled() != null ? item.ownEnabled() : states.itemEnabled(slot.id, item.id());
    }

    /** Sets the platform's state of a handler switch in memory; the caller stored it first (C40). */
    void set(Switch which, String handlerId, boolean value) {
        lock.assertHeld();
        if (which == Switch.ENABLE) {
            states.setHandlerEnabled(handlerId, value);
        } else {
            states.setHandlerActive(handlerId, value);
        }
    }

    void setItemEnabled(String handlerId, String itemId, boolean value) {
        lock.assertHeld();
        states.setItemEnabled(handlerId, itemId, value);
    }

    // ---- stopping (C35)

    boolean stopping() {
        lock.assertHeld();
        return stopping;
    }

    void beginStopping() {
        lock.assertHeld();
        stopping = true;
    }

    void refuseIfStopping() {
        lock.assertHeld();
        if (stopping) {
            throw new SyncRefusedException(Reason.SHUTTING_DOWN, "the sync engine is stopping (C35)");
        }
    }

    // ---- starting (C7, C8)

    /** Refuses a start call on a slot that is not listed, inactive, disabled or whose policy forbids it. */
    void refuseStart(HandlerSlot slot) {
        lock.assertHeld();
        if (slot.metadataCurrent && !slot.metadata.listed()) {
            throw new SyncRefusedException(Reason.HANDLER_UNAVAILABLE, "handler '" + slot.id
                    + "' is not listed: " + slot.metadata.problem() + " (C32)");
        }
        if (!active(slot)) {
            throw new SyncRefusedException(Reason.HANDLER_INACTIVE, "handler '" + slot.id + "' is inactive (C30)");
        }
        if (!enabled(slot)) {
            throw new SyncRefusedException(Reason.HANDLER_DISABLED, "handler '" + slot.id + "' is disabled (C29)");
        }
        if (slot.metadata != null && slot.metadata.prevents(HandlerPolicy.PREVENT_START_SYNC,
                HandlerPolicy.DISABLE_START_SYNC)) {
            throw new SyncRefusedException(Reason.POLICY,
                    "handler '" + slot.id + "' does not allow starting a sync (policy, C7)");
        }
    }

    void checkStartItems(HandlerSlot slot, List<String> items) {
        checkItems(slot, items, ItemPolicy.PREVENT_START_SYNC, ItemPolicy.DISABLE_START_SYNC, "starting a sync",
                "C7");
    }

    /** Whether start-sync-all makes a handler sync of this slot (C8). */
    boolean allowsSyncAll(HandlerSlot slot) {
        lock.assertHeld();
        return !slot.parked() && slot.metadataCurrent && slot.metadata.listed() && active(slot) && enabled(slot)
                && !slot.metadata.prevents(HandlerPolicy.PREVENT_START_SYNC, HandlerPolicy.DISABLE_START_SYNC);
    }

    /** Whether a handler sync takes this item when its session starts (C8, C11). */
    boolean syncsWithHandler(HandlerSlot slot, ItemMetadata item) {
        return itemEnabled(slot, item) && !item.prevents(ItemPolicy.PREVENT_START_SYNC, ItemPolicy.DISABLE_START_SYNC);
    }

    // ---- stopping a sync (C23)

    boolean allowsStop(HandlerSlot slot) {
        return slot.metadata == null
                || !slot.metadata.prevents(HandlerPolicy.PREVENT_STOP_SYNC, HandlerPolicy.DISABLE_STOP_SYNC);
    }

    void refuseStop(HandlerSlot slot) {
        lock.assertHeld();
        if (!allowsStop(slot)) {
            throw new SyncRefusedException(Reason.POLICY,
                    "handler '" + slot.id + "' does not allow stopping a sync (policy, C23)");
        }
    }

    void checkStopItems(HandlerSlot slot, List<String> items) {
        checkItems(slot, items, ItemPolicy.PREVENT_STOP_SYNC, ItemPolicy.DISABLE_STOP_SYNC, "stopping a sync",
                "C23");
    }

    // ---- enabling and activating (C29, C30)

    void checkSwitch(HandlerSlot slot, Switch which, boolean value) {
        lock.assertHeld();
        if (slot.metadata != null && slot.metadata.prevents(value ? which.preventOn : which.preventOff)) {
            throw new SyncRefusedException(Reason.POLICY, "handler '" + slot.id + "' does not allow "
                    + (value ? which.on : which.off) + " (policy, " + which.rule + ")");
        }
    }

    /** The item an enable-item call may change (null while the metadata is not current), or the refusal. */
    ItemMetadata checkItemSwitch(HandlerSlot slot, String itemId, boolean enable) {
        lock.assertHeld();
        if (!slot.metadataCurrent) {
            return null;
        }
        ItemMetadata item = slot.metadata.items().get(itemId);
        if (item == null) {
            throw new SyncArgumentException("itemId", "handler '" + slot.id + "' has no item '" + itemId + "'");
        }
        if (enable ? item.prevents(ItemPolicy.PREVENT_ENABLE, ItemPolicy.DISABLE_ENABLE)
                : item.prevents(ItemPolicy.PREVENT_DISABLE, ItemPolicy.DISABLE_DISABLE)) {
            throw new SyncRefusedException(Reason.POLICY, "item '" + itemId + "' of handler '" + slot.id
                    + "' does not allow " + (enable ? "enabling" : "disabling") + " (policy, C29)");
        }
        return item;
    }

    /** Checks items against the current metadata: known, and allowed by the given policies. */
    private void checkItems(HandlerSlot slot, List<String> items, ItemPolicy prevent, ItemPolicy disable,
            String what, String rule) {
        lock.assertHeld();
        if (!slot.metadataCurrent) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            ItemMetadata item = slot.metadata.items().get(items.get(i));
            if (item == null) {
                throw new SyncArgumentException("itemIds[" + i + "]",
                        "handler '" + slot.id + "' has no item '" + items.get(i) + "'");
            }
            if (item.prevents(prevent, disable)) {
                throw new SyncRefusedException(Reason.POLICY, "item '" + item.id() + "' of handler '" + slot.id
                        + "' does not allow " + what + " (policy, " + rule + ")");
            }
        }
    }
}
