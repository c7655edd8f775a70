package dev.synccenter.handler;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import dev.synccenter.control.ItemCapability;
import dev.synccenter.control.ItemPolicy;

/**
 * One item of a handler ({@code ISyncMgrSyncItem} with {@code ISyncMgrSyncItemInfo}). Its ID is
 * unique within the handler and never changes (C1). Getters that throw give their defaults, except
 * {@link #id()} and {@link #name()}: an item without them is not listed and not synced (C32).
 */
@ConsumerType
public interface SyncItem {

    /** {@code GetItemID}: 1 to 63 characters, no control characters, no outer white space. */
    String id();

    /** {@code GetName}; cut to 127 characters. */
    String name();

    default String typeLabel() {
        return "";
    }

    default String comment() {
        return "";
    }

    /** Empty lets the platform track it. */
    default Optional<Instant> lastSyncTime() {
        return Optional.empty();
    }

    /** Empty lets the platform keep the state across restarts; an answer keeps it in the item. */
    default Optional<Boolean> isEnabled() {
        return Optional.empty();
    }

    /** A disconnected item is not synced; a throw counts as connected. */
    default boolean isConnected() {
        return true;
    }

    default Set<ItemCapability> capabilities() {
        return Set.of();
    }

    default Set<ItemPolicy> policies() {
        return Set.of();
    }

    /** Called after the platform enabled or disabled the item ({@code Enable}). */
    default void enable(boolean enable) {
    }

    /** A plain item with an ID and a name and defaults for the rest. */
    static SyncItem of(String id, String name) {
        return new SyncItem() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "SyncItem[" + id + "]";
            }
        };
    }
}
