package dev.synccenter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/**
 * A handler whose synchronize returns at once: every item it was given ends SUCCEEDED because the
 * session returned without reporting otherwise. It declares concurrent sessions, so the engine's
 * pool size, not the one-session-per-handler rule, limits parallelism. An optional probe records
 * when synchronize was entered, per request ID.
 */
public class FastHandler implements SyncHandler {

    private final String name;
    private final List<SyncItem> items;
    private final boolean concurrent;
    private volatile AtomicLongArray enteredAt;

    public FastHandler(String name, int itemCount) {
        this(name, itemCount, true);
    }

    public FastHandler(String name, int itemCount, boolean concurrent) {
        this.name = name;
        this.concurrent = concurrent;
        List<SyncItem> list = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            list.add(SyncItem.of(itemId(i), "Item " + i));
        }
        this.items = List.copyOf(list);
    }

    /** The ID of item {@code i}; every handler of the benchmarks has items {@code i0 .. i(n-1)}. */
    public static String itemId(int i) {
        return "i" + i;
    }

    /** The first {@code n} item IDs. */
    public static List<String> itemIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(itemId(i));
        }
        return List.copyOf(ids);
    }

    /** Records System.nanoTime() at the entry of synchronize into {@code probe[requestId]}. */
    public void probe(AtomicLongArray probe) {
        this.enteredAt = probe;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SyncItem> items() {
        return items;
    }

    @Override
    public Set<HandlerCapability> capabilities() {
        return concurrent ? Set.of(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS) : Set.of();
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
        AtomicLongArray probe = enteredAt;
        if (probe != null && requestId < probe.length()) {
            probe.lazySet((int) requestId, System.nanoTime());
        }
    }
}
