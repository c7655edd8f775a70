package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interleaving storm's model of the handler services it registered with the engine, per
 * handler ID (C3, C24 to C26), and what a call naming a handler ID may therefore answer.
 *
 * <p>A service enters the model only after {@code handlerAdded} returned, and leaves it before
 * {@code handlerRemoved} is called (as SCR never unbinds a service before binding it), so the
 * engine has at least the services the model has. While the model has a service for an ID, the ID
 * is registered (C24), and no call may answer "no handler is registered or parked". Once the model
 * has none, the engine parks the ID and forgets it when the park timeout expires (C26). That timer
 * runs on real time, not on the storm's {@link TestClock}, so whether a call finds the ID parked or
 * forgotten depends on how long ago its last service left, which the machine's load decides: the
 * model accepts either answer then, and only then.
 */
final class StormServices {

    /** A look at an ID's services before a call, to judge the call's answer by. */
    record Mark(String handlerId, boolean served, long emptied) {
    }

    private static final class Declared {
        final List<HandlerRef> refs = new ArrayList<>();
        /** How often the ID lost its last service. */
        long emptied;
    }

    private final SyncEngine engine;
    private final Map<String, Declared> byId = new HashMap<>();

    StormServices(SyncEngine engine, String... handlerIds) {
        this.engine = engine;
        for (String h : handlerIds) {
            byId.put(h, new Declared());
        }
    }

    /** Registers a service with the engine, then counts it. */
    void add(HandlerRef ref) {
        engine.handlerAdded(ref);
        Declared d = byId.get(ref.handlerId());
        synchronized (d) {
            d.refs.add(ref);
        }
    }

    /** Stops counting one of an ID's services ({@code pick} chooses which), then unregisters it; none: nothing. */
    void removeOne(String handlerId, int pick) {
        Declared d = byId.get(handlerId);
        HandlerRef ref;
        synchronized (d) {
            if (d.refs.isEmpty()) {
                return;
            }
            ref = d.refs.remove(Math.floorMod(pick, d.refs.size()));
            if (d.refs.isEmpty()) {
                d.emptied++;
            }
        }
        engine.handlerRemoved(ref);
    }

    /**
     * Gives one of an ID's services a new ranking (C24). Under the ID's lock: a service removed
     * meanwhile would come back as a new one in the engine ({@code modify} of an unknown service adds it).
     */
    void rerank(String handlerId, int pick, int ranking) {
        Declared d = byId.get(handlerId);
        synchronized (d) {
            if (d.refs.isEmpty()) {
                return;
            }
            int index = Math.floorMod(pick, d.refs.size());
            HandlerRef old = d.refs.get(index);
            HandlerRef changed = new HandlerRef(old.serviceId(), ranking, handlerId, old.bundle(), old.handler());
            d.refs.set(index, changed);
            engine.handlerModified(changed);
        }
    }

    boolean hasService(String handlerId) {
        Declared d = byId.get(handlerId);
        synchronized (d) {
            return !d.refs.isEmpty();
        }
    }

    Mark mark(String handlerId) {
        Declared d = byId.get(handlerId);
        synchronized (d) {
            return new Mark(handlerId, !d.refs.isEmpty(), d.emptied);
        }
    }

    /**
     * Whether a call begun after the mark may find the ID unknown (C7, C26): only if the ID had no
     * service at the mark, or lost its last one since.
     */
    boolean mayBeForgottenSince(Mark mark) {
        Declared d = byId.get(mark.handlerId());
        synchronized (d) {
            return !mark.served() || d.emptied != mark.emptied();
        }
    }
}
