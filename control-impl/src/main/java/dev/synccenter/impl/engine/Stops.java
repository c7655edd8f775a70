package dev.synccenter.impl.engine;

import java.util.List;
import java.util.Set;

import dev.synccenter.impl.validate.Args;

/**
 * The stop calls (C20 to C23): queued items leave their requests CANCELED, running sessions are
 * asked to cancel, and items waiting for a retry end CANCELED too (C43): a stop stands, where a
 * disable only holds them (C45).
 *
 * <p>Lock rule: each call takes the engine lock once.
 */
final class Stops {

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final Cancellations cancellations;
    private final Retries retries;

    Stops(EngineLock lock, HandlerRegistry registry, Policies policies, Cancellations cancellations, Retries retries) {
        this.lock = lock;
        this.registry = registry;
        this.policies = policies;
        this.cancellations = cancellations;
        this.retries = retries;
    }

    void items(String handlerId, List<String> itemIds) {
        Args.id("handlerId", handlerId);
        List<String> items = Args.itemIds("itemIds", itemIds);
        lock.run(() -> {
            policies.refuseIfStopping(); // C35: what is unfinished now is suspended, not stopped
            HandlerSlot slot = registry.known(handlerId);
            policies.refuseStop(slot);
            policies.checkStopItems(slot, items);
            cancellations.cancelItems(slot, Set.copyOf(items), "stopped by stopItemSync");
            retries.cancelWaiting(slot, Set.copyOf(items), "stopped by stopItemSync");
        });
    }

    void handler(String handlerId) {
        Args.id("handlerId", handlerId);
        lock.run(() -> {
            policies.refuseIfStopping();
            HandlerSlot slot = registry.known(handlerId);
            policies.refuseStop(slot);
            cancellations.cancelHandler(slot, "stopped by stopHandlerSync");
            retries.cancelWaiting(slot, null, "stopped by stopHandlerSync");
        });
    }

    void all() {
        lock.run(() -> {
            policies.refuseIfStopping();
            for (HandlerSlot slot : registry.all()) {
                if (policies.allowsStop(slot)) {
                    cancellations.cancelHandler(slot, "stopped by stopSyncAll");
                    retries.cancelWaiting(slot, null, "stopped by stopSyncAll");
                }
            }
        });
    }
}
