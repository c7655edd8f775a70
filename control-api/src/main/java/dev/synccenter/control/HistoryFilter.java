package dev.synccenter.control;

import java.time.Instant;

/**
 * Which results of the history to list (C38). Null fields do not filter.
 *
 * @param handlerId only this handler's results
 * @param status only results with this overall status
 * @param finishedFrom only results finished at or after this time
 * @param finishedTo only results finished before this time
 * @param limit at most this many, newest first; 0 for as many as the history keeps
 * @since 1.1.0
 */
public record HistoryFilter(String handlerId, ProgressStatus status, Instant finishedFrom, Instant finishedTo,
        int limit) {

    /** Every result the history keeps. */
    public static final HistoryFilter ALL = new HistoryFilter(null, null, null, null, 0);

    public HistoryFilter handler(String id) {
        return new HistoryFilter(id, status, finishedFrom, finishedTo, limit);
    }

    public HistoryFilter status(ProgressStatus value) {
        return new HistoryFilter(handlerId, value, finishedFrom, finishedTo, limit);
    }

    public HistoryFilter finishedBetween(Instant from, Instant to) {
        return new HistoryFilter(handlerId, status, from, to, limit);
    }

    public HistoryFilter newest(int count) {
        return new HistoryFilter(handlerId, status, finishedFrom, finishedTo, count);
    }
}
