package dev.synccenter.control.security;

/**
 * What a caller may do (C49). A role includes every role before it: an operator may do all a
 * viewer may.
 */
public enum Role {
    /** Lists and reads: handlers, items, requests, history, events, conflicts, metrics. */
    VIEWER,
    /** Also changes state: start, stop, enable, activate, update, resolve, schedule. */
    OPERATOR;

    /** Whether a caller with this role may do what needs {@code needed}. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
