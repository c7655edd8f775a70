package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.impl.engine.Intake.Pending;
import dev.synccenter.impl.engine.Schedules.Schedule;
import dev.synccenter.impl.store.ContextCodec;

/**
 * Starts the runs of schedules that fell due, as start calls with no caller (C44): collected under
 * the lock, started together on a call-pool thread, so that a hundred thousand runs due in the
 * same minute share a few store commits instead of waiting for one each (C36).
 *
 * <p>Lock rule: {@link #start} runs with the engine lock held and only hands work on; the batch
 * takes the lock for each step and waits for the store without it ({@link Starts}).
 */
final class ScheduleRuns {

    private static final ContextCodec.Encoded NO_CONTEXT = new ContextCodec.Encoded.Storable(null);

    private final EngineLock lock;
    private final EngineThreads threads;
    private final RequestBook book;
    private Starts starts;
    private Intake intake;
    private Schedules schedules;
    // @GuardedBy("EngineLock")
    private List<Schedule> batch = new ArrayList<>();

    ScheduleRuns(EngineLock lock, EngineThreads threads, RequestBook book) {
        this.lock = lock;
        this.book = book;
        this.threads = threads;
    }

    /** The parts it needs are made after it (they need the timetable it feeds). */
    void wire(Starts starts, Intake intake, Schedules schedules) {
        this.starts = starts;
        this.intake = intake;
        this.schedules = schedules;
    }

    /** A schedule's run is due: it joins the next batch; the first to join sends the batch off. */
    void start(Schedule s) {
        lock.assertHeld();
        batch.add(s);
        if (batch.size() == 1) {
            threads.runAsync(this::startBatch);
        }
    }

    private void startBatch() {
        List<Schedule> todo = lock.call(() -> {
            List<Schedule> taken = batch;
            batch = new ArrayList<>();
            return taken;
        });
        Map<Schedule, RuntimeException> refused = new IdentityHashMap<>();
        Map<Schedule, Pending> prepared = new IdentityHashMap<>();
        Starts.Outcome outcome;
        try {
            outcome = starts.each(() -> prepare(todo, prepared, refused));
        } catch (SyncRefusedException e) {
            outcome = new Starts.Outcome(List.of(), e); // no request IDs: none started
        }
        Set<SyncRequest> started = Collections.newSetFromMap(new IdentityHashMap<>());
        started.addAll(outcome.started());
        SyncRefusedException failure = outcome.failure();
        lock.run(() -> {
            for (Schedule s : todo) {
                Pending p = prepared.get(s);
                RuntimeException why = refused.get(s);
                if (why == null && (p == null || !started.contains(p.request()))) {
                    why = failure; // not stored: the run did not start (C40)
                }
                schedules.started(s, p == null ? 0 : p.request().id, why);
            }
        });
    }

    /** Under the lock; may run more than once if request IDs ran out meanwhile (Starts), so it starts afresh. */
    private List<Pending> prepare(List<Schedule> todo, Map<Schedule, Pending> prepared,
            Map<Schedule, RuntimeException> refused) {
        prepared.clear();
        refused.clear();
        book.reserveFor(todo.size()); // before any acceptance is handed to the store
        List<Pending> pending = new ArrayList<>(todo.size());
        for (Schedule s : todo) {
            ScheduleSpec spec = Schedules.specOf(s);
            try {
                Pending p = spec.syncsHandler()
                        ? intake.prepareHandlerSync(spec.handlerId(), null, NO_CONTEXT, Schedules.FLAGS, null)
                        : intake.prepareItemSync(spec.handlerId(), spec.itemIds(), null, NO_CONTEXT, Schedules.FLAGS,
                                null);
                prepared.put(s, p);
                pending.add(p);
            } catch (SyncArgumentException | SyncRefusedException e) {
                refused.put(s, e);
            }
        }
        return pending;
    }
}
