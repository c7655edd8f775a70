package dev.synccenter.impl.store;

import java.time.Instant;

import dev.synccenter.control.ProgressStatus;

/**
 * Which results to list (C38). Null fields do not filter.
 *
 * @param handlerId only this handler's results
 * @param status only results with this status
 * @param finishedFrom only results finished at or after this time
 * @param finishedTo only results finished before this time
 * @param limit at most this many, newest first; 0 for no limit
 */
public record HistoryQuery(String handlerId, ProgressStatus status, Instant finishedFrom, Instant finishedTo,
        int limit) {

    /** Every result. */
    public static final HistoryQuery ALL = new HistoryQuery(null, null, null, null, 0);

    public HistoryQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive, was " + limit);
        }
    }

    public HistoryQuery handler(String id) {
        return new HistoryQuery(id, status, finishedFrom, finishedTo, limit);
    }

    public HistoryQuery status(ProgressStatus s) {
        return new HistoryQuery(handlerId, s, finishedFrom, finishedTo, limit);
    }

    public HistoryQuery finishedBetween(Instant from, Instant to) {
        return new HistoryQuery(handlerId, status, from, to, limit);
    }

    public HistoryQuery newest(int count) {
        return new HistoryQuery(handlerId, status, finishedFrom, finishedTo, count);
    }
}
