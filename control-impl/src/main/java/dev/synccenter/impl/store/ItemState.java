package dev.synccenter.impl.store;

/** Where a stored item of an unfinished request is (C37). */
public enum ItemState {
    /** Not started yet in this request. */
    PENDING,
    /** A session started it and did not finish it: after a crash it runs again first (C37). */
    RUNNING,
    /** It failed transiently and waits for its next attempt, not before its retry time (C43). */
    WAITING,
    /** It has its outcome, which it keeps. */
    FINAL
}
