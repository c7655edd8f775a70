package dev.synccenter.control;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told the single result of a request ({@code ISyncMgrSyncResult}). It is called once, on a
 * platform thread of its own: if it throws, that is logged; if it blocks, it holds up nothing but
 * itself, not the request's handle and not other listeners (C19).
 */
@ConsumerType
@FunctionalInterface
public interface SyncResultListener {
    void result(SyncResult result);
}
