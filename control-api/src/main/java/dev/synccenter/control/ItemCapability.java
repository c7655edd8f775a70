package dev.synccenter.control;

/** Sync Center's {@code SYNCMGR_ITEM_CAPABILITIES}, kept and shown for consoles. */
public enum ItemCapability {
    PROVIDES_ICON,
    EVENT_STORE,
    CONFLICT_STORE,
    CAN_DELETE,
    CAN_BROWSE_CONTENT,
    QUERY_BEFORE_ENABLE,
    QUERY_BEFORE_DISABLE,
    QUERY_BEFORE_DELETE
}
