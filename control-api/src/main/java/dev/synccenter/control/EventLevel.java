package dev.synccenter.control;

/** Sync Center's {@code SYNCMGR_EVENT_LEVEL}. Error events count in a result's error count. */
public enum EventLevel {
    INFORMATION, WARNING, ERROR
}
