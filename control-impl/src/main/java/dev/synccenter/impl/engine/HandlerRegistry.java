package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.impl.validate.Args;

/**
 * The handler slots by handler ID and the services that declare each (C3, C4, C24 to C26): which
 * service serves, parking when none does, and forgetting a slot once its park timeout expired and
 * nothing is left in it. A change of the serving service needs the new service's metadata: the
 * registry returns those reads as {@link Load}s for the caller to run after unlocking; it never
 * calls handler code itself.
 *
 * <p>Lock rule: every method runs with the engine lock held, except the park timer's callback,
 * which takes it.
 */
final class HandlerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRegistry.class);
    static final String UNAVAILABLE = "handler unavailable";

    /** A metadata read to run: the service that serves the slot now, and the read's generation. */
    record Load(HandlerSlot slot, HandlerRef ref, long generation) {
    }

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final EngineThreads threads;
    private final Reporter reporter;
    private final Policies policies;
    private final Sessions sessions;
    private final Cancellations cancellations;
    // @GuardedBy("EngineLock")
    private final Map<String, HandlerSlot> slots = new HashMap<>();
    /** Services ignored for a missing or invalid handler ID (C4), by service ID. */
    // @GuardedBy("EngineLock")
    private final Map<Long, String> ignoredServices = new HashMap<>();

    HandlerRegistry(EngineLock lock, Supplier<EngineSettings> settings, EngineThreads threads, Reporter reporter,
            Policies policies, Sessions sessions, Cancellations cancellations) {
        this.lock = lock;
        this.settings = settings;
        this.threads = threads;
        this.reporter = reporter;
        this.policies = policies;
        this.sessions = sessions;
        this.cancellations = cancellations;
    }

    // ---- services that come, change and go

    /** A handler service appeared: the handler ID is known from now on (C24), served or standing by (C3). */
    List<Load> add(HandlerRef ref) {
        lock.assertHeld();
        String problem = Args.idProblem(ref.handlerId());
        if (problem != null) {
            LOG.warn("Ignoring handler {}: its {} property {} (C4)", ref, SyncHandler.HANDLER_ID, problem);
            ignoredServices.put(ref.serviceId(), ref.handlerId());
            return List.of();
        }
        if (policies.stopping()) {
            return List.of();
        }
        HandlerSlot slot = slots.computeIfAbsent(ref.handlerId(), HandlerSlot::new);
        slot.services.add(ref);
        if (slot.services.size() > 1) {
            warnDuplicates(slot);
        }
        return reselect(slot);
    }

    /** A handler service's properties changed (C24): a new ranking re-sorts, a new ID moves it. */
    List<Load> modify(HandlerRef ref) {
        lock.assertHeld();
        HandlerRef old = find(ref.serviceId());
        if (old == null) {
            ignoredServices.remove(ref.serviceId());
            return add(ref);
        }
        if (!old.handlerId().equals(ref.handlerId())) {
            List<Load> loads = new ArrayList<>(remove(old));
            loads.addAll(add(ref));
            return loads;
        }
        // Same ID, new ranking: re-sort without treating the service as gone.
        HandlerSlot slot = slots.get(ref.handlerId());
        slot.services.remove(old);
        slot.services.add(ref);
        if (slot.serving != null && slot.serving.serviceId() == old.serviceId()) {
            slot.serving = ref;
        }
        if (slot.metadataFrom != null && slot.metadataFrom.serviceId() == old.serviceId()) {
            slot.metadataFrom = ref;
        }
        return reselect(slot);
    }

    /** A handler service went away: a standby serves (C25), or the slot is parked (C26). */
    List<Load> remove(HandlerRef ref) {
        lock.assertHeld();
        if (ignoredServices.remove(ref.serviceId()) != null) {
            return List.of();
        }
        HandlerSlot slot = slots.get(ref.handlerId());
        if (slot == null || !slot.services.removeIf(r -> r.serviceId() == ref.serviceId())) {
            return List.of();
        }
        for (Session s : List.copyOf(slot.sessions)) {
            if (s.ref.serviceId() == ref.serviceId() && !s.ended) {
                s.handlerGone = true; // C27: unfinished items run again on the next service
                sessions.cancelAll(s, "the handler's service went away");
            }
        }
        return reselect(slot);
    }

    private HandlerRef find(long serviceId) {
        for (HandlerSlot slot : slots.values()) {
            for (HandlerRef r : slot.services) {
                if (r.serviceId() == serviceId) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Makes the first service serve: its metadata is to be read; or parks the slot when none is left. */
    private List<Load> reselect(HandlerSlot slot) {
        HandlerRef next = slot.services.isEmpty() ? null : slot.services.first();
        if (next == slot.serving || next != null && slot.serving != null
                && next.serviceId() == slot.serving.serviceId()) {
            slot.serving = next;
            return List.of();
        }
        slot.serving = next;
        slot.metadataCurrent = false;
        if (next == null) {
            park(slot);
            return List.of();
        }
        EngineThreads.cancel(slot.parkTimer);
        slot.parkTimer = null;
        slot.parkExpired = false;
        slot.lastBundle = next.bundle();
        LOG.debug("Handler {} is now served by {}", slot.id, next);
        return List.of(new Load(slot, next, ++slot.loadsStarted));
    }

    private void warnDuplicates(HandlerSlot slot) {
        StringBuilder all = new StringBuilder();
        for (HandlerRef r : slot.services) {
            all.append(all.length() == 0 ? "" : ", ").append(r);
        }
        String key = all.toString();
        if (!key.equals(slot.duplicateWarned)) {
            slot.duplicateWarned = key;
            LOG.warn("Handler ID '{}' is declared by several services: {}; {} serves, the others stand by (C3)",
                    slot.id, key, slot.services.first());
        }
    }

    // ---- parking (C26)

    private void park(HandlerSlot slot) {
        Duration timeout = settings.get().parkTimeout();
        LOG.info("Handler {} has no service; its requests are parked for {} (C26)", slot.id, timeout);
        slot.parkExpired = false;
        slot.parkTimer = threads.schedule(() -> parkExpired(slot), timeout);
        reporter.handlerChanged(slot.id, HandlerChange.PARKED);
        lock.signalAll();
    }

    private void parkExpired(HandlerSlot slot) {
        lock.lock();
        try {
            if (slots.get(slot.id) != slot || !slot.parked() || slot.parkExpired) {
                return;
            }
            slot.parkExpired = true;
            slot.parkTimer = null;
            LOG.warn("Handler {} did not come back within the park timeout; its requests fail (C26)", slot.id);
            dropIfExpired(slot);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Once the park timeout expired: fails what is queued and forgets the slot when nothing runs in it
     * any more. Called again as each of its last sessions ends.
     */
    void dropIfExpired(HandlerSlot slot) {
        lock.assertHeld();
        if (!slot.parked() || !slot.parkExpired) {
            return;
        }
        cancellations.failQueued(slot, UNAVAILABLE);
        if (slot.queue.isEmpty() && slot.sessions.isEmpty() && slots.get(slot.id) == slot) {
            slots.remove(slot.id);
            reporter.handlerChanged(slot.id, HandlerChange.REMOVED);
        }
    }

    /**
     * A slot for requests restored from the store (C37), before any service is bound: parked until a
     * service with that ID appears, at most the park timeout (C26).
     */
    HandlerSlot restore(String handlerId) {
        lock.assertHeld();
        HandlerSlot slot = slots.get(handlerId);
        if (slot == null) {
            slot = new HandlerSlot(handlerId);
            slots.put(handlerId, slot);
            park(slot);
        }
        return slot;
    }

    /** Stops every park timer: the engine is stopping. */
    void stopParkTimers() {
        lock.assertHeld();
        for (HandlerSlot slot : slots.values()) {
            EngineThreads.cancel(slot.parkTimer);
        }
    }

    // ---- look-ups

    /** A registered or parked handler's slot, or an argument error naming the handler ID. */
    HandlerSlot known(String handlerId) {
        lock.assertHeld();
        HandlerSlot slot = slots.get(handlerId);
        if (slot == null || slot.parked() && slot.parkExpired) {
            throw new SyncArgumentException("handlerId", "no handler '" + handlerId + "' is registered or parked");
        }
        return slot;
    }

    /** The slot of a handler that a service serves now, or the reason there is none. */
    HandlerSlot served(String handlerId) {
        HandlerSlot slot = known(handlerId);
        if (slot.parked()) {
            throw new SyncRefusedException(Reason.HANDLER_UNAVAILABLE,
                    "handler '" + handlerId + "' is parked: no service serves it now (C26)");
        }
        return slot;
    }

    /** The slot of a handler ID, or null. */
    HandlerSlot get(String handlerId) {
        lock.assertHeld();
        return slots.get(handlerId);
    }

    /** Whether a metadata read is still the newest one for the service that serves its slot. */
    boolean current(Load load) {
        lock.assertHeld();
        HandlerSlot slot = load.slot();
        return slots.get(slot.id) == slot && slot.serving != null
                && slot.serving.serviceId() == load.ref().serviceId() && load.generation() > slot.loadPublished;
    }

    /** A new read of each slot's serving service (C31); parked slots have nothing to read. */
    List<Load> reloads(Collection<HandlerSlot> targets) {
        lock.assertHeld();
        List<Load> loads = new ArrayList<>();
        for (HandlerSlot slot : targets) {
            if (slot.serving != null) {
                loads.add(new Load(slot, slot.serving, ++slot.loadsStarted));
            }
        }
        return loads;
    }

    /** Every slot, by handler ID. */
    Collection<HandlerSlot> sorted() {
        lock.assertHeld();
        return new TreeMap<>(slots).values();
    }

    /** Every slot, in no order. */
    Collection<HandlerSlot> all() {
        lock.assertHeld();
        return List.copyOf(slots.values());
    }
}
