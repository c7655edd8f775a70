package dev.synccenter.impl.store.sql;

import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.impl.store.StoreChange.BackoffCleared;
import dev.synccenter.impl.store.StoreChange.BackoffSet;
import dev.synccenter.impl.store.StoreChange.ScheduleRemoved;
import dev.synccenter.impl.store.StoreChange.ScheduleSaved;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredSchedule;

/**
 * The SQL of the changes to backoff (C43) and schedules (C44), run by {@link ChangeWriter} in its
 * order of kinds. Each writes a whole row, inserted or replaced, or deletes one: none depends on
 * what is stored, so none is refused for it, and deleting a row that is not there is no error.
 */
final class BackoffAndScheduleWrites {

    private static final String SET_BACKOFF = ChangeWriter.upsert("backoff", "handler_id, item_id",
            "failures, delay_ms, retry_at_us, reason, changed_at_us");
    /** The whole row but the columns it does not use yet (flags, context, enabled, lease_*). */
    private static final String SAVE_SCHEDULE = ChangeWriter.upsert("schedules", "schedule_id",
            "handler_id, item_ids, interval_ms, cron, zone, origin, next_run_at_us, last_run_at_us, last_request_id, held");

    private BackoffAndScheduleWrites() {
    }

    static void backoffSet(List<BackoffSet> set, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare(SET_BACKOFF), Batch.lastPerKey(set, s -> List.of(s.backoff().handlerId(),
                s.backoff().itemId())), (ps, s) -> {
            StoredBackoff b = s.backoff();
            ps.setString(1, b.handlerId());
            ps.setString(2, b.itemId());
            ps.setInt(3, b.failures());
            ps.setLong(4, b.delay().toMillis());
            ps.setLong(5, Rows.micros(b.retryAt()));
            ps.setString(6, b.reason());
            ps.setLong(7, Rows.micros(s.at()));
        }, null);
    }

    /** No refusal when there is no row: a backoff may end twice (a success after "retry now"). */
    static void backoffCleared(List<BackoffCleared> cleared, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("DELETE FROM backoff WHERE handler_id = ? AND item_id = ?"), cleared, (ps, b) -> {
            ps.setString(1, b.handlerId());
            ps.setString(2, b.itemId());
        }, null);
    }

    static void scheduleSaved(List<ScheduleSaved> saved, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare(SAVE_SCHEDULE), Batch.lastPerKey(saved, s -> s.schedule().spec().id()), (ps, s) -> {
            StoredSchedule schedule = s.schedule();
            ScheduleSpec spec = schedule.spec();
            ps.setString(1, spec.id());
            ps.setString(2, spec.handlerId());
            ps.setString(3, spec.syncsHandler() ? null : ChangeWriter.json(spec.itemIds()));
            if (spec.every() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, spec.every().toMillis());
            }
            ps.setString(5, spec.cron());
            ps.setString(6, spec.zone() == null ? null : spec.zone().getId());
            ps.setString(7, schedule.origin().name());
            ps.setLong(8, Rows.micros(schedule.nextRunAt()));
            Rows.setInstant(ps, 9, schedule.lastRunAt());
            ps.setLong(10, schedule.lastRequestId());
            ps.setBoolean(11, schedule.held());
        }, null);
    }

    /** No refusal when there is no row: removing what is gone already changes nothing. */
    static void scheduleRemoved(List<ScheduleRemoved> removed, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("DELETE FROM schedules WHERE schedule_id = ?"), removed,
                (ps, r) -> ps.setString(1, r.scheduleId()), null);
    }
}
