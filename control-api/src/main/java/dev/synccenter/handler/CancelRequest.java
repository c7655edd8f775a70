package dev.synccenter.handler;

/** Sync Center's {@code SYNCMGR_CANCEL_REQUEST}: the answer of a progress report. */
public enum CancelRequest {
    /** Go on. */
    NONE,
    /** Stop this item, report it CANCELED, and go on with the others. */
    CANCEL_ITEM,
    /** Stop the whole session. */
    CANCEL_ALL
}
