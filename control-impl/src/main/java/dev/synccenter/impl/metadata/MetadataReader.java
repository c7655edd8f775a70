package dev.synccenter.impl.metadata;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.HandlerType;
import dev.synccenter.control.Limits;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.validate.Args;

/**
 * Reads a handler's metadata getter by getter, as Sync Center does (C32): a name that cannot be
 * read hides the handler; an item without a readable ID or name is left out; any other getter that
 * throws or answers null gives its default. It runs handler code, so the engine calls it only
 * through its guard, on a platform thread under a deadline.
 */
public final class MetadataReader {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataReader.class);

    private MetadataReader() {
    }

    public static HandlerMetadata read(String handlerId, SyncHandler handler) {
        String name;
        try {
            name = handler.name();
        } catch (Throwable t) {
            LOG.warn("Handler {}: name() threw; it is not listed and not synced (C32)", handlerId, t);
            return HandlerMetadata.unreadable("name() threw " + t);
        }
        if (name == null || name.isBlank()) {
            LOG.warn("Handler {}: name() is blank; it is not listed and not synced (C32)", handlerId);
            return HandlerMetadata.unreadable("name() is blank");
        }
        Map<String, ItemMetadata> items = new LinkedHashMap<>();
        List<SyncItem> itemList = get(handlerId, "items()", handler::items, List.of());
        for (SyncItem item : itemList) {
            ItemMetadata read = readItem(handlerId, item);
            if (read != null && items.putIfAbsent(read.id(), read) != null) {
                LOG.warn("Handler {}: item ID '{}' appears twice; the first one counts", handlerId, read.id());
            }
        }
        return new HandlerMetadata(Args.cut(name.strip(), Limits.MAX_NAME_LENGTH), null,
                get(handlerId, "type()", handler::type, HandlerType.UNSPECIFIED),
                Args.cut(get(handlerId, "typeLabel()", handler::typeLabel, ""), Limits.MAX_NAME_LENGTH),
                Args.cut(get(handlerId, "comment()", handler::comment, ""), Limits.MAX_NAME_LENGTH),
                get(handlerId, "lastSyncTime()", handler::lastSyncTime, Optional.<Instant>empty()).orElse(null),
                get(handlerId, "isActive()", handler::isActive, Optional.<Boolean>empty()).orElse(null),
                get(handlerId, "isEnabled()", handler::isEnabled, Optional.<Boolean>empty()).orElse(null),
                get(handlerId, "isConnected()", handler::isConnected, true),
                copy(get(handlerId, "capabilities()", handler::capabilities, Set.of())),
                copy(get(handlerId, "policies()", handler::policies, Set.of())),
                items);
    }

    /** Reads one item; null if it has no readable ID or name. Runs item code: call it guarded. */
    public static ItemMetadata readItem(String handlerId, SyncItem item) {
        if (item == null) {
            LOG.warn("Handler {}: items() contains null; left out", handlerId);
            return null;
        }
        String id;
        String name;
        try {
            id = item.id();
            name = item.name();
        } catch (Throwable t) {
            LOG.warn("Handler {}: an item's id() or name() threw; the item is left out (C32)", handlerId, t);
            return null;
        }
        String problem = Args.idProblem(id);
        if (problem != null) {
            LOG.warn("Handler {}: item ID '{}' {}; the item is left out", handlerId, id, problem);
            return null;
        }
        if (name == null || name.isBlank()) {
            LOG.warn("Handler {}: item {} has a blank name; it is left out (C32)", handlerId, id);
            return null;
        }
        String what = "item " + id + " ";
        return new ItemMetadata(id, Args.cut(name.strip(), Limits.MAX_NAME_LENGTH),
                Args.cut(get(handlerId, what + "typeLabel()", item::typeLabel, ""), Limits.MAX_NAME_LENGTH),
                Args.cut(get(handlerId, what + "comment()", item::comment, ""), Limits.MAX_NAME_LENGTH),
                get(handlerId, what + "lastSyncTime()", item::lastSyncTime, Optional.<Instant>empty()).orElse(null),
                get(handlerId, what + "isEnabled()", item::isEnabled, Optional.<Boolean>empty()).orElse(null),
                get(handlerId, what + "isConnected()", item::isConnected, true),
                copy(get(handlerId, what + "capabilities()", item::capabilities, Set.of())),
                copy(get(handlerId, what + "policies()", item::policies, Set.of())),
                item);
    }

    private static <T> T get(String handlerId, String getter, Callable<T> call, T fallback) {
        try {
            T value = call.call();
            return value == null ? fallback : value;
        } catch (Throwable t) {
            LOG.warn("Handler {}: {} threw; using its default (C32)", handlerId, getter, t);
            return fallback;
        }
    }

    private static <E extends Enum<E>> Set<E> copy(Set<E> set) {
        Set<E> copy = new java.util.HashSet<>();
        for (E e : set) {
            if (e != null) {
                copy.add(e);
            }
        }
        return copy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(copy));
    }
}
