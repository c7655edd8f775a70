package dev.synccenter.control;

/**
 * Sync Center's {@code SYNCMGR_ITEM_POLICIES}. As for {@link HandlerPolicy}, {@code PREVENT_*} and
 * {@code DISABLE_*} make the matching control call fail.
 */
public enum ItemPolicy {
    PREVENT_ENABLE,
    PREVENT_DISABLE,
    PREVENT_START_SYNC,
    PREVENT_STOP_SYNC,
    DISABLE_ENABLE,
    DISABLE_DISABLE,
    DISABLE_START_SYNC,
    DISABLE_STOP_SYNC,
    DISABLE_BROWSE,
    DISABLE_DELETE,
    HIDDEN_BY_DEFAULT
}
