package dev.synccenter.handler.testing;

import java.util.List;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.ItemFailure;

/**
 * What became of one item of a sync.
 *
 * @param itemId the item
 * @param status its final status, as the request's result would have it (C15, C18)
 * @param byHandler true when the handler reported that final status itself; false when the platform set
 *     it (the item was left open, skipped, disconnected, or synchronize threw)
 * @param reports the item's progress reports, in order
 * @param failure why it FAILED and whether the platform would try again (C42), or null unless FAILED
 */
public record ItemOutcome(String itemId, ProgressStatus status, boolean byHandler, List<Report> reports,
        ItemFailure failure) {

    public ItemOutcome {
        reports = List.copyOf(reports);
    }
}
