package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.impl.engine.Intake.Pending;
import dev.synccenter.impl.store.StoreException;

/**
 * The protocol of a start call around the store (C36, C40): under the lock, check and hand the
 * acceptance to the store; without the lock, wait for its commit (many callers' acceptances share
 * one commit); under the lock again, open and queue what was stored. A start call therefore returns
 * only once its request is stored, and one whose request could not be stored fails with
 * STORE_FAILED and leaves nothing behind.
 */
final class Starts {

    private final EngineLock lock;
    private final Intake intake;
    private final Journal journal;

    Starts(EngineLock lock, Intake intake, Journal journal) {
        this.lock = lock;
        this.intake = intake;
        this.journal = journal;
    }

    /** Runs one start call whose first step the supplier makes (under the lock). */
    Request one(Supplier<Pending> prepare) {
        return (Request) all(() -> List.of(prepare.get())).get(0);
    }

    /** Runs a start call of several requests (start-sync-all). */
    List<SyncRequest> all(Supplier<List<Pending>> prepare) {
        Outcome outcome = each(prepare);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.started();
    }

    /**
     * What a start of several requests did: those stored and queued, and, when some could not be
     * stored, why (they never existed).
     */
    record Outcome(List<SyncRequest> started, SyncRefusedException failure) {
    }

    /** Runs a start of several requests, and tells which were stored instead of failing them all. */
    Outcome each(Supplier<List<Pending>> prepare) {
        lock.assertNotHeld(); // the wait for the commit must not hold the engine
        List<Pending> pending = prepared(prepare);
        List<Pending> stored = new ArrayList<>();
        Throwable failure = null;
        for (Pending p : pending) {
            try {
                p.stored().join();
                stored.add(p);
            } catch (CompletionException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            }
        }
        List<SyncRequest> started = new ArrayList<>();
        lock.lock();
        try {
            for (Pending p : pending) {
                if (stored.contains(p)) {
                    intake.publish(p);
                    started.add(p.request());
                } else {
                    intake.abandon(p);
                }
            }
        } finally {
            lock.unlock();
        }
        return new Outcome(started, failure == null ? null : new SyncRefusedException(Reason.STORE_FAILED,
                "the request was not accepted: the store " + journal.store().name() + " could not record it: "
                        + failure.getMessage() + " (C40)"));
    }

    private List<Pending> prepared(Supplier<List<Pending>> prepare) {
        int needed = 1;
        while (true) {
            try {
                journal.ensureIds(needed); // reserving IDs writes to the store: never under the lock
            } catch (StoreException e) {
                throw new SyncRefusedException(Reason.STORE_FAILED, "the request was not accepted: the store "
                        + journal.store().name() + " could not reserve request IDs: " + e.getMessage() + " (C40)");
            }
            lock.lock();
            try {
                return prepare.get();
            } catch (RequestBook.IdsExhausted e) {
                needed = e.needed; // another caller took the IDs meanwhile: reserve more and try again
            } finally {
                lock.unlock();
            }
        }
    }
}
