package dev.synccenter.impl.store;

/** What a {@link SyncStore#prune} deleted. */
public record Pruned(int results, int events) {
}
