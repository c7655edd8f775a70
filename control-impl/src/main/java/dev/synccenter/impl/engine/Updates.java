package dev.synccenter.impl.engine;

import java.util.List;
import java.util.Set;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.impl.validate.Args;

/**
 * The update calls (C31, C33): read a handler's metadata or conflicts again, or tell listeners its
 * events changed. The reads run outside the lock ({@link MetadataLoader}), and with WAIT the call
 * returns once the new values are in place.
 *
 * <p>Lock rule: each call takes the engine lock only to find the handler.
 */
final class Updates {

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final MetadataLoader metadata;
    private final Reporter reporter;

    Updates(EngineLock lock, HandlerRegistry registry, MetadataLoader metadata, Reporter reporter) {
        this.lock = lock;
        this.registry = registry;
        this.metadata = metadata;
        this.reporter = reporter;
    }

    void handlerCollection(Set<ControlFlag> flags) {
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        metadata.reload(lock.call(registry::all), checkedFlags);
    }

    void handler(String handlerId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        metadata.reload(List.of(lock.call(() -> registry.served(handlerId))), checkedFlags);
    }

    void item(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.id("itemId", itemId);
        // Items are found through items(), so an item is read again by reading the handler again.
        handler(handlerId, flags);
    }

    void events(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        Args.flags("flags", flags);
        lock.run(() -> {
            registry.known(handlerId);
            reporter.handlerChanged(handlerId, HandlerChange.EVENTS_CHANGED);
        });
    }

    void conflicts(String handlerId, String itemId, Set<ControlFlag> flags) {
        Args.id("handlerId", handlerId);
        Args.optionalId("itemId", itemId);
        Set<ControlFlag> checkedFlags = Args.flags("flags", flags);
        metadata.updateConflicts(lock.call(() -> registry.served(handlerId)), checkedFlags);
    }
}
