package dev.synccenter.control;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told the single result of a request ({@code ISyncMgrSyncResult}). It is called once, on a
 * platform thread; if it throws or blocks, that is logged and nothing else waits for it (C19).
 */
@ConsumerType
@FunctionalInterface
public interface SyncResultListener {
    void result(SyncResult result);
}
