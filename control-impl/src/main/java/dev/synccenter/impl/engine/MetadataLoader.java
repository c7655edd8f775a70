package dev.synccenter.impl.engine;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.impl.engine.HandlerRegistry.Load;
import dev.synccenter.impl.guard.Guard;
import dev.synccenter.impl.metadata.HandlerMetadata;

/**
 * Reads handlers' metadata and conflicts outside the lock and publishes them under it if the
 * service read still serves (C31, C32); tells handlers about enable and activate calls.
 *
 * <p>Lock rule: the reads run without the engine lock, on call-pool threads or, with the WAIT flag,
 * on the caller's thread (the guard still runs the handler code on a pool thread); publishing takes
 * the lock.
 */
final class MetadataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataLoader.class);

    private final EngineLock lock;
    private final HandlerCalls calls;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final Cancellations cancellations;
    private final Dispatcher dispatcher;
    private final Reporter reporter;
    private final EngineThreads threads;
    /** Told when a slot's current service was read: held retries and schedule runs may start (C45). */
    private final Consumer<HandlerSlot> canSyncAgain;

    MetadataLoader(EngineLock lock, HandlerCalls calls, HandlerRegistry registry, Policies policies,
            Cancellations cancellations, Dispatcher dispatcher, Reporter reporter, EngineThreads threads,
            Consumer<HandlerSlot> canSyncAgain) {
        this.lock = lock;
        this.calls = calls;
        this.registry = registry;
        this.policies = policies;
        this.cancellations = cancellations;
        this.dispatcher = dispatcher;
        this.reporter = reporter;
        this.threads = threads;
        this.canSyncAgain = canSyncAgain;
    }

    /** Runs the reads on call-pool threads; with WAIT, on this thread, returning once they are published. */
    void run(List<Load> loads, boolean wait) {
        for (Load load : loads) {
            if (wait) {
                load(load);
            } else {
                threads.runAsync(() -> load(load));
            }
        }
    }

    /** C31: reads the metadata of every serving handler among the targets again. */
    void reload(Collection<HandlerSlot> targets, Set<ControlFlag> flags) {
        List<Load> loads;
        lock.lock();
        try {
            loads = registry.reloads(targets);
        } finally {
            lock.unlock();
        }
        run(loads, flags.contains(ControlFlag.WAIT));
    }

    private void load(Load load) {
        HandlerSlot slot = load.slot();
        HandlerMetadata metadata = calls.readMetadata(slot.id, load.ref());
        List<SyncConflict> conflicts = metadata.capabilities().contains(HandlerCapability.CONFLICT_STORE)
                ? calls.readConflicts(slot.id, load.ref()) : null;
        lock.lock();
        try {
            if (registry.current(load) && !policies.stopping()) {
                publish(load, metadata, conflicts);
            } // else a newer read or another service took over
        } finally {
            lock.unlock();
        }
    }

    private void publish(Load load, HandlerMetadata metadata, List<SyncConflict> conflicts) {
        HandlerSlot slot = load.slot();
        slot.loadPublished = load.generation();
        boolean first = !slot.metadataCurrent || slot.metadata == null;
        boolean wasListed = slot.metadata != null && slot.metadata.listed();
        boolean same = metadata.equals(slot.metadata);
        slot.metadata = metadata;
        slot.metadataFrom = load.ref();
        slot.metadataCurrent = true;
        if (conflicts != null) {
            slot.conflicts = conflicts;
        }
        if (metadata.listed() && (!policies.active(slot) || !policies.enabled(slot))) {
            // A handler that keeps its own state said it is inactive or disabled (C29, C30).
            cancellations.cancelHandler(slot, !policies.active(slot) ? Policies.Switch.ACTIVATE.offReason
                    : Policies.Switch.ENABLE.offReason);
        }
        if (!metadata.listed()) {
            cancellations.failQueued(slot, "handler not listed: " + metadata.problem());
            if (wasListed) {
                reporter.handlerChanged(slot.id, HandlerChange.REMOVED);
            }
        } else if (first) {
            reporter.handlerChanged(slot.id, HandlerChange.ADDED);
        } else if (!same) {
            reporter.handlerChanged(slot.id, HandlerChange.CHANGED);
        }
        dispatcher.markReady(slot);
        dispatcher.dispatch();
        if (metadata.listed()) {
            canSyncAgain.accept(slot);
        }
        lock.signalAll();
    }

    /**
     * Tells the handler about a state change on a platform thread, then reads its metadata again (a
     * handler that keeps its own state answers the new one); waits for both with WAIT.
     */
    void tell(String handlerId, HandlerRef ref, Set<ControlFlag> flags, String what, Guard.ThrowingRunnable call) {
        if (ref == null) {
            return; // parked: the platform's state changed; the handler learns it when it reads it
        }
        Runnable work = () -> {
            Guard.Outcome<Void> outcome = calls.run(handlerId + " " + what, call);
            if (!outcome.ok()) {
                LOG.warn("Handler {}: {} {}", handlerId, what, outcome.problem());
                lock.lock();
                try {
                    reporter.event(handlerId, null, EventLevel.WARNING, "Handler call failed",
                            what + " " + outcome.problem(), 0, 0);
                } finally {
                    lock.unlock();
                }
            }
            HandlerSlot slot = lock.call(() -> registry.get(handlerId));
            if (slot != null) {
                reload(List.of(slot), Set.of(ControlFlag.WAIT));
            }
        };
        if (flags.contains(ControlFlag.WAIT)) {
            work.run();
        } else {
            threads.runAsync(work);
        }
    }

    /** C33: reads a handler's conflicts again, if it declares a conflict store, and tells listeners. */
    void updateConflicts(HandlerSlot slot, Set<ControlFlag> flags) {
        HandlerRef ref;
        boolean hasStore;
        lock.lock();
        try { // one look at the slot: the service and its capabilities belong together
            ref = slot.serving;
            hasStore = ref != null && slot.metadata != null
                    && slot.metadata.capabilities().contains(HandlerCapability.CONFLICT_STORE);
        } finally {
            lock.unlock();
        }
        Runnable work = () -> {
            List<SyncConflict> conflicts = hasStore ? calls.readConflicts(slot.id, ref) : null;
            lock.lock();
            try {
                if (conflicts != null && slot.serving != null && slot.serving.serviceId() == ref.serviceId()) {
                    slot.conflicts = conflicts;
                }
                reporter.handlerChanged(slot.id, HandlerChange.CONFLICTS_CHANGED);
            } finally {
                lock.unlock();
            }
        };
        if (flags.contains(ControlFlag.WAIT)) {
            work.run();
        } else {
            threads.runAsync(work);
        }
    }
}
