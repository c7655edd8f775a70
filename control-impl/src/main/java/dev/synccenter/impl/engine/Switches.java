package dev.synccenter.impl.engine;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.impl.engine.Policies.Switch;
import dev.synccenter.impl.metadata.ItemMetadata;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.validate.Args;

/**
 * Enabling and activating handlers and items (C29, C30) around the store (C40): the policy is
 * checked, the new state is stored, and only then applied (queued work of a disabled handler
 * cancelled, listeners told, the handler told). A store that fails refuses the call and nothing
 * changed. One change at a time goes from store to memory (this object's monitor, never held with
 * the engine lock's order reversed: it is taken first), so that both end in the same order.
 *
 * <p>Lock rule: takes the engine lock for each step itself; waits for the store without it.
 */
final class Switches {

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final Cancellations cancellations;
    private final Reporter reporter;
    private final MetadataLoader metadata;
    private final Journal journal;
    /** Told when a handler or item may sync again: held retries and schedule runs start (C45). */
    private final Consumer<HandlerSlot> canSyncAgain;

    Switches(EngineLock lock, HandlerRegistry registry, Policies policies, Cancellations cancellations,
            Reporter reporter, MetadataLoader metadata, Journal journal, Consumer<HandlerSlot> canSyncAgain) {
        this.lock = lock;
        this.registry = registry;
        this.policies = policies;
        this.cancellations = cancellations;
        this.reporter = reporter;
        this.metadata = metadata;
        this.journal = journal;
        this.canSyncAgain = canSyncAgain;
    }

    /** Enable or activate a handler (C29, C30). */
    void handler(Switch which, boolean value, String handlerId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        HandlerRef ref;
        synchronized (this) {
            lock.run(() -> {
                policies.refuseIfStopping();
                policies.checkSwitch(registry.known(handlerId), which, value);
            });
            store(new StoreChange.StateChanged(which.key(handlerId), value)); // C40: stored first, or refused
            ref = lock.call(() -> {
                // What is stored holds from here on, whatever happened meanwhile: memory follows the store.
                policies.set(which, handlerId, value);
                HandlerSlot slot = registry.get(handlerId);
                if (slot == null || policies.stopping()) {
                    return null; // gone or stopping meanwhile: nothing queued to cancel, nobody to tell
                }
                if (!value) {
                    cancellations.cancelHandler(slot, which.offReason);
                } else {
                    canSyncAgain.accept(slot);
                }
                reporter.handlerChanged(handlerId, HandlerChange.CHANGED);
                return slot.serving;
            });
        }
        metadata.tell(handlerId, ref, checkedFlags, which.verb(value), () -> {
            if (which == Switch.ENABLE) {
                ref.handler().enable(value);
            } else {
                ref.handler().activate(value);
            }
        });
    }

    /** Enable an item (C29). */
    void item(boolean enable, String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.id("itemId", itemId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        ItemMetadata item;
        HandlerRef ref;
        synchronized (this) {
            lock.run(() -> {
                policies.refuseIfStopping();
                policies.checkItemSwitch(registry.known(handlerId), itemId, enable);
            });
            store(new StoreChange.StateChanged(StateKey.itemEnabled(handlerId, itemId), enable));
            ItemMetadata[] checked = new ItemMetadata[1];
            ref = lock.call(() -> {
                policies.setItemEnabled(handlerId, itemId, enable); // memory follows the store
                HandlerSlot slot = registry.get(handlerId);
                if (slot == null || policies.stopping()) {
                    return null;
                }
                checked[0] = slot.metadataCurrent ? slot.metadata.items().get(itemId) : null;
                if (!enable) {
                    cancellations.cancelItems(slot, Set.of(itemId), "item disabled");
                } else {
                    canSyncAgain.accept(slot);
                }
                reporter.handlerChanged(handlerId, HandlerChange.CHANGED);
                return slot.serving;
            });
            item = checked[0];
        }
        if (item != null) {
            metadata.tell(handlerId, ref, checkedFlags, "item " + itemId + (enable ? " enable" : " disable"),
                    () -> item.item().enable(enable));
        }
    }

    /** Stores a change the caller waits for; a store that fails refuses the call, and nothing changed (C40). */
    private void store(StoreChange change) {
        try {
            journal.owned(change).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SyncRefusedException(Reason.STORE_FAILED, "nothing changed: the store " + journal.store().name()
                    + " could not record it: " + cause.getMessage() + " (C40)");
        }
    }
}
