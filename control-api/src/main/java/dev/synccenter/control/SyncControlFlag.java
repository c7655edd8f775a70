package dev.synccenter.control;

/** Sync Center's {@code SYNCMGR_SYNC_CONTROL_FLAGS}, for start-item-sync and start-handler-sync. */
public enum SyncControlFlag {
    /**
     * {@code SYNCMGR_SCF_IGNORE_IF_ALREADY_SYNCING}: items that are in a running session of the
     * same handler when the request is accepted are not synced again; their outcome in this
     * request's result is the outcome that session gives them (C10).
     */
    IGNORE_IF_ALREADY_SYNCING
}
