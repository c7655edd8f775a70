package dev.synccenter.control;

/** Which start call made a request. */
public enum RequestKind {
    ITEM_SYNC, HANDLER_SYNC
}
