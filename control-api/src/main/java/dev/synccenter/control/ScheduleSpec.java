package dev.synccenter.control;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * What a schedule syncs and when (C44): a handler sync, or a sync of some items, every fixed
 * interval or by a cron expression in a time zone. Exactly one of {@code every} and {@code cron} is
 * given. The control service checks a spec when it is put and names the bad field.
 *
 * @param id the schedule's ID: letters, digits, '.', '_', '-' and '~' (C1's rule for IDs)
 * @param handlerId the handler to sync
 * @param itemIds the items to sync; empty for a sync of the handler (C8)
 * @param every the interval, at least one second; null for a cron schedule
 * @param cron a Quartz cron expression with seconds ({@code "0 0/15 9-17 ? * MON-FRI"}); null for
 *     an interval schedule
 * @param zone the time zone the cron expression is read in; null for UTC
 * @since 1.3.0
 */
public record ScheduleSpec(String id, String handlerId, List<String> itemIds, Duration every, String cron,
        ZoneId zone) {

    public ScheduleSpec {
        itemIds = itemIds == null ? List.of() : List.copyOf(itemIds);
    }

    /** A schedule that syncs every {@code interval}. */
    public static ScheduleSpec every(String id, String handlerId, List<String> itemIds, Duration interval) {
        return new ScheduleSpec(id, handlerId, itemIds, interval, null, null);
    }

    /** A schedule that syncs at the times of a Quartz cron expression, read in {@code zone}. */
    public static ScheduleSpec cron(String id, String handlerId, List<String> itemIds, String cron, ZoneId zone) {
        return new ScheduleSpec(id, handlerId, itemIds, null, cron, zone);
    }

    /** True for a sync of the handler, false for a sync of {@link #itemIds()}. */
    public boolean syncsHandler() {
        return itemIds.isEmpty();
    }
}
