package dev.synccenter.control;

/**
 * Sync Center's {@code SYNCMGR_HANDLER_POLICIES}. The control service is this platform's UI, so a
 * task that Sync Center would hide ({@code PREVENT_*}) or grey out ({@code DISABLE_*}) is refused
 * with a {@link SyncRefusedException} (C7, C23, C29).
 */
public enum HandlerPolicy {
    PREVENT_ACTIVATE,
    PREVENT_DEACTIVATE,
    PREVENT_ENABLE,
    PREVENT_DISABLE,
    PREVENT_START_SYNC,
    PREVENT_STOP_SYNC,
    DISABLE_ENABLE,
    DISABLE_DISABLE,
    DISABLE_START_SYNC,
    DISABLE_STOP_SYNC,
    DISABLE_BROWSE,
    DISABLE_SCHEDULE,
    HIDDEN_BY_DEFAULT;

    /** {@code SYNCMGR_HPM_BACKGROUND_SYNC_ONLY}: no start and no stop through the control service. */
    public static final java.util.Set<HandlerPolicy> BACKGROUND_SYNC_ONLY =
            java.util.Set.of(PREVENT_START_SYNC, PREVENT_STOP_SYNC);
}
