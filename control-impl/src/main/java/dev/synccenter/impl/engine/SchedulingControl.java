package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreHealth;
import dev.synccenter.impl.store.StoredSchedule;
import dev.synccenter.impl.validate.Args;

/**
 * The control service's calls for schedules and backoff (C43, C44) around the store (C40): a
 * schedule is checked, stored, and only then runs; a store that fails refuses the call and nothing
 * changed. Calls on one schedule are one at a time (this object's monitor, taken before the engine
 * lock, never inside it), so that memory and store end in the same order.
 *
 * <p>Lock rule: takes the engine lock for each step itself; waits for the store without it.
 */
final class SchedulingControl {

    /** How long an operator's call waits for its change to be stored before it says the store is too slow. */
    private static final long STORE_WAIT_SECONDS = 30;

    private final EngineLock lock;
    private final Schedules schedules;
    private final Retries retries;
    private final HandlerRegistry registry;
    private final Journal journal;
    private final Clock clock;

    SchedulingControl(EngineLock lock, Schedules schedules, Retries retries, HandlerRegistry registry,
            Journal journal, Clock clock) {
        this.lock = lock;
        this.schedules = schedules;
        this.retries = retries;
        this.registry = registry;
        this.journal = journal;
        this.clock = clock;
    }

    synchronized ScheduleSnapshot put(ScheduleSpec spec, Origin origin) {
        ScheduleTimes times = ScheduleTimes.of(spec); // checks every field first (C44)
        StoredSchedule row = lock.call(() -> schedules.planPut(times, origin));
        await(journal.owned(new StoreChange.ScheduleSaved(row)));
        return lock.call(() -> schedules.apply(times, row));
    }

    synchronized boolean remove(String scheduleId, Origin origin) {
        Args.id("scheduleId", scheduleId);
        if (!lock.call(() -> schedules.planRemove(scheduleId, origin))) {
            return false;
        }
        await(journal.owned(new StoreChange.ScheduleRemoved(scheduleId)));
        lock.run(() -> schedules.applyRemove(scheduleId));
        return true;
    }

    List<ScheduleSnapshot> schedules() {
        return lock.call(schedules::snapshots);
    }

    Optional<ScheduleSnapshot> schedule(String scheduleId) {
        Args.id("scheduleId", scheduleId);
        return Optional.ofNullable(lock.call(() -> schedules.snapshot(scheduleId)));
    }

    List<BackoffSnapshot> backoffs() {
        return lock.call(() -> retries.snapshots(registry.sorted()));
    }

    void retryNow(String handlerId, String itemId) {
        operate(handlerId, itemId, () -> {
            HandlerSlot slot = registry.known(handlerId);
            return retries.retryNow(slot, itemId, clock.instant());
        });
    }

    void giveUp(String handlerId, String itemId) {
        operate(handlerId, itemId, () -> {
            HandlerSlot slot = registry.known(handlerId);
            return retries.giveUp(slot, itemId, clock.instant());
        });
    }

    /**
     * An operator's change to a backoff: refused while the store fails (C40); applied, then waited
     * for until stored, so that a call that returns has stored what it changed.
     */
    private void operate(String handlerId, String itemId, Supplier<CompletableFuture<Void>> change) {
        Args.id("handlerId", handlerId);
        Args.id("itemId", itemId);
        StoreHealth health = journal.store().health();
        if (!health.ok()) {
            throw new SyncRefusedException(Reason.STORE_FAILED, "nothing changed: the store "
                    + journal.store().name() + " fails: " + health.reason() + " (C40)");
        }
        await(lock.call(change::get));
    }

    private void await(CompletableFuture<Void> stored) {
        try {
            stored.get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SyncRefusedException(Reason.STORE_FAILED, "the store " + journal.store().name()
                    + " could not record it: " + cause.getMessage() + " (C40)");
        } catch (TimeoutException e) {
            throw new SyncRefusedException(Reason.STORE_FAILED, "the store " + journal.store().name()
                    + " did not record it within " + STORE_WAIT_SECONDS + " s (C40)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncRefusedException(Reason.STORE_FAILED, "interrupted while the store recorded it");
        }
    }
}
