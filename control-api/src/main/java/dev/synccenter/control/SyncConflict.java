package dev.synccenter.control;

/**
 * One conflict in a handler's conflict store ({@code ISyncMgrConflict}), reduced to what a headless
 * console shows. A conflict exists until the handler's store stops listing it (Sync Center's rule).
 *
 * @param id the conflict's ID within its handler's store
 * @param handlerId the handler (filled in by the platform)
 * @param itemId the item in conflict
 * @param name a short name
 * @param description what is in conflict
 */
public record SyncConflict(String id, String handlerId, String itemId, String name, String description) {
}
