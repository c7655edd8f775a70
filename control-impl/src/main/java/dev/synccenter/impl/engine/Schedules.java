package dev.synccenter.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoredSchedule;

/**
 * Schedules (C44, C45): each has one entry in the {@link Timetable} at its next run. When it falls
 * due, the next run is planned first; then the run starts as a sync with IGNORE_IF_ALREADY_SYNCING,
 * unless the schedule's previous run is still open (it is coalesced into it: no stacking), or its
 * handler cannot sync now (disabled, inactive, not served: the run is held and starts when it can,
 * C45). Runs that fall due together start together, through one store commit ({@link ScheduleRuns}).
 * After downtime a missed schedule runs once, at the start, not once per missed slot.
 *
 * <p>A schedule from a configuration lives as long as its configuration: restored from the store it
 * stays dormant (not listed, never run) until its configuration is read again, and then keeps its
 * times if its spec did not change. Lock rule: every method runs with the engine lock held.
 */
final class Schedules {

    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    /** One schedule and where it stands. */
    static final class Schedule {
        ScheduleTimes times;
        Origin origin;
        Instant nextRunAt;
        Instant lastRunAt;
        long lastRequestId;
        boolean held;
        /** Restored from the store for a configuration not read yet: kept, not listed, not run. */
        boolean dormant;
        /** Its run is being started (stored): a run falling due meanwhile is coalesced. */
        boolean starting;
        long runs;
        long coalesced;
        Timetable.Entry due;
        /** The slot of the run being started, for its lateness. */
        Instant startingSlot;

        String id() {
            return times.spec.id();
        }

        StoredSchedule stored() {
            return new StoredSchedule(times.spec, origin, nextRunAt, lastRunAt, lastRequestId, held);
        }

        ScheduleSnapshot snapshot() {
            return new ScheduleSnapshot(times.spec, origin, nextRunAt, lastRunAt, lastRequestId, held, runs,
                    coalesced);
        }
    }

    private final EngineLock lock;
    private final Timetable timetable;
    private final HandlerRegistry registry;
    private final Policies policies;
    private final RequestBook book;
    private final Journal journal;
    private final Reporter reporter;
    private final ScheduleRuns runs;
    // @GuardedBy("EngineLock")
    private final Map<String, Schedule> byId = new TreeMap<>();
    /** From each run's slot until its request was stored (C44): the drift operators watch. */
    final Histogram lateness = new Histogram();

    Schedules(EngineLock lock, Timetable timetable, HandlerRegistry registry, Policies policies, RequestBook book,
            Journal journal, Reporter reporter, ScheduleRuns runs) {
        this.lock = lock;
        this.timetable = timetable;
        this.registry = registry;
        this.policies = policies;
        this.book = book;
        this.journal = journal;
        this.reporter = reporter;
        this.runs = runs;
    }

    // ---- creating and removing

    /**
     * What a put would store: the new row, with the times of the schedule it replaces when its
     * spec is the same (C44). Changes nothing; {@link #apply} does, once the row is stored.
     *
     * @throws SyncArgumentException if the ID belongs to a schedule of the other origin that may not be replaced
     */
    StoredSchedule planPut(ScheduleTimes times, Origin origin) {
        lock.assertHeld();
        policies.refuseIfStopping();
        Schedule old = byId.get(times.spec.id());
        if (old != null && origin == Origin.CONTROL && old.origin == Origin.CONFIGURATION && !old.dormant) {
            throw new SyncArgumentException("spec.id", "schedule '" + times.spec.id()
                    + "' comes from a configuration; change or remove its configuration instead");
        }
        Instant now = timetable.now();
        if (old != null && old.times.spec.equals(times.spec)) {
            return new StoredSchedule(times.spec, origin, old.nextRunAt, old.lastRunAt, old.lastRequestId, old.held);
        }
        return new StoredSchedule(times.spec, origin, times.first(now), old == null ? null : old.lastRunAt,
                old == null ? 0 : old.lastRequestId, false);
    }

    /** The row is stored: the schedule runs from now on; a run missed while it was dormant runs at once. */
    ScheduleSnapshot apply(ScheduleTimes times, StoredSchedule row) {
        lock.assertHeld();
        Schedule s = byId.get(times.spec.id());
        if (s == null) {
            s = new Schedule();
            byId.put(times.spec.id(), s);
        }
        s.times = times;
        s.origin = row.origin();
        s.nextRunAt = row.nextRunAt();
        s.lastRunAt = row.lastRunAt();
        s.lastRequestId = row.lastRequestId();
        s.held = row.held();
        s.dormant = false;
        arm(s);
        save(s); // a run that fell due between the store and now saved the row it replaced
        return s.snapshot();
    }

    /** Whether the schedule may be removed by a caller of this origin. */
    boolean planRemove(String scheduleId, Origin origin) {
        lock.assertHeld();
        Schedule s = byId.get(scheduleId);
        if (s == null || s.dormant && origin == Origin.CONTROL) {
            return false;
        }
        if (s.origin != origin) {
            throw new SyncArgumentException("scheduleId", "schedule '" + scheduleId + "' comes from "
                    + (s.origin == Origin.CONFIGURATION ? "a configuration; remove its configuration instead"
                            : "the control service; remove it there"));
        }
        return true;
    }

    void applyRemove(String scheduleId) {
        lock.assertHeld();
        Schedule s = byId.remove(scheduleId);
        if (s != null && s.due != null) {
            s.due.cancel();
        }
        journal.record(new StoreChange.ScheduleRemoved(scheduleId)); // a run between the store and now saved it again
    }

    // ---- listing

    List<ScheduleSnapshot> snapshots() {
        lock.assertHeld();
        List<ScheduleSnapshot> all = new ArrayList<>(byId.size());
        for (Schedule s : byId.values()) {
            if (!s.dormant) {
                all.add(s.snapshot());
            }
        }
        return all;
    }

    ScheduleSnapshot snapshot(String scheduleId) {
        lock.assertHeld();
        Schedule s = byId.get(scheduleId);
        return s == null || s.dormant ? null : s.snapshot();
    }

    /** Schedules that run: dormant ones, waiting for their configuration, do not count. */
    int count() {
        lock.assertHeld();
        int n = 0;
        for (Schedule s : byId.values()) {
            n += s.dormant ? 0 : 1;
        }
        return n;
    }

    // ---- running

    /** A restart (C37, C44): schedules come back; one that missed runs while the platform was down runs once now. */
    void restore(List<StoredSchedule> rows) {
        lock.assertHeld();
        for (StoredSchedule row : rows) {
            ScheduleTimes times;
            try {
                times = ScheduleTimes.of(row.spec());
            } catch (SyncArgumentException e) {
                LOG.error("Stored schedule '{}' is not valid any more and does not run: {}", row.spec().id(),
                        e.getMessage());
                continue;
            }
            Schedule s = new Schedule();
            s.times = times;
            s.origin = row.origin();
            s.nextRunAt = row.nextRunAt();
            s.lastRunAt = row.lastRunAt();
            s.lastRequestId = row.lastRequestId();
            s.held = row.held();
            s.dormant = row.origin() == Origin.CONFIGURATION;
            byId.put(times.spec.id(), s);
            if (!s.dormant) {
                arm(s);
            }
        }
    }

    /** C45: the handler can sync again; held runs of its schedules start now (their lateness is the hold's). */
    void resume(HandlerSlot slot) {
        lock.assertHeld();
        for (Schedule s : byId.values()) {
            if (s.held && !s.dormant && s.times.spec.handlerId().equals(slot.id)) {
                s.held = false;
                s.startingSlot = null;
                attempt(s);
                save(s);
            }
        }
    }

    private void arm(Schedule s) {
        if (s.due != null) {
            s.due.cancel();
        }
        // A time in the past (missed while down, or held) falls due at once: one catch-up run.
        s.due = timetable.at(s.nextRunAt, () -> due(s));
        if (s.held) {
            resumeIfPossible(s);
        }
    }

    private void resumeIfPossible(Schedule s) {
        HandlerSlot slot = registry.get(s.times.spec.handlerId());
        if (slot != null && canRun(slot)) {
            s.held = false;
            s.startingSlot = null;
            attempt(s);
        }
    }

    /** Timer: the schedule's slot came; the next is planned first, then this run starts, coalesces or is held. */
    private Runnable due(Schedule s) {
        s.due = null;
        if (byId.get(s.id()) != s || s.dormant) {
            return null;
        }
        Instant now = timetable.now();
        Instant slot = s.nextRunAt;
        s.nextRunAt = s.times.next(slot, now);
        s.lastRunAt = now;
        s.startingSlot = slot;
        attempt(s);
        save(s);
        s.due = timetable.at(s.nextRunAt, () -> due(s));
        return null;
    }

    /** Starts a run now, or coalesces it into the open one (C44), or holds it until the handler can sync (C45). */
    private void attempt(Schedule s) {
        HandlerSlot slot = registry.get(s.times.spec.handlerId());
        if (slot == null || !canRun(slot)) {
            s.held = true;
            return;
        }
        if (s.starting || s.lastRequestId > 0 && book.isOpen(s.lastRequestId)) {
            s.coalesced++;
            return;
        }
        s.starting = true;
        runs.start(s);
    }

    private boolean canRun(HandlerSlot slot) {
        return !policies.stopping() && !slot.parked() && slot.metadataCurrent && policies.enabled(slot)
                && policies.active(slot);
    }

    /** The run of a schedule was stored and queued (or it failed to start): the schedule learns its request. */
    void started(Schedule s, long requestId, RuntimeException refused) {
        lock.assertHeld();
        s.starting = false;
        if (refused == null) {
            s.lastRequestId = requestId;
            s.runs++;
            if (s.startingSlot != null) {
                lateness.add(Duration.between(s.startingSlot, timetable.now()).toNanos());
            }
        } else if (refused instanceof SyncRefusedException r && isHold(r.reason())) {
            s.held = true; // C45: disabled or deactivated between the due time and the start
        } else if (policies.stopping()) {
            LOG.debug("Schedule '{}': its run did not start: the engine stops", s.id());
        } else {
            String why = "Schedule '" + s.id() + "' could not start its run: " + refused.getMessage();
            LOG.warn(why);
            reporter.event(s.times.spec.handlerId(), null, EventLevel.WARNING, "Scheduled sync not started", why, 0, 0);
        }
        if (byId.get(s.id()) == s && !policies.stopping()) {
            save(s); // once stopping, the store may be closed; the open run is found again at the next start
        }
    }

    private static boolean isHold(SyncRefusedException.Reason reason) {
        return reason == SyncRefusedException.Reason.HANDLER_DISABLED
                || reason == SyncRefusedException.Reason.HANDLER_INACTIVE
                || reason == SyncRefusedException.Reason.HANDLER_UNAVAILABLE;
    }

    private void save(Schedule s) {
        journal.record(new StoreChange.ScheduleSaved(s.stored()));
    }

    /** The flags of a scheduled run: it joins what runs already instead of stacking on it (C44). */
    static final Set<SyncControlFlag> FLAGS = Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);

    static ScheduleSpec specOf(Schedule s) {
        return s.times.spec;
    }
}
