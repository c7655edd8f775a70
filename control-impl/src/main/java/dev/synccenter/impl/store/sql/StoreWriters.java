package dev.synccenter.impl.store.sql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreHealth;

/**
 * The store's group-commit writers. On SQLite, one: the database has a single writer. On
 * PostgreSQL, two, each with its own connection: the <em>intake</em> writer commits acceptances
 * (and request ID blocks), the main writer everything else. A start call then waits for a commit
 * of acceptances only, not behind a group of other requests' results, and the two groups' round
 * trips and fsyncs overlap on the server.
 *
 * <p>A request's changes stay in their order across the two: while the intake writer holds a
 * change of a request that is not committed yet, the request's later changes follow it there
 * (the engine never sends them before its acceptance is stored, but the store does not rely on
 * it). Changes of different requests, and changes without a request, are independent.
 */
final class StoreWriters {

    private final GroupCommitWriter main;
    private final GroupCommitWriter intake;
    /** Requests with changes in the intake writer not yet committed or failed, and how many. */
    private final ConcurrentHashMap<Long, Integer> inIntake = new ConcurrentHashMap<>();

    StoreWriters(GroupCommitWriter main, GroupCommitWriter intake) {
        this.main = main;
        this.intake = intake == null ? main : intake;
    }

    /** Starts the writers; see {@link GroupCommitWriter#start}. A second that cannot start stops the first. */
    void start(boolean mustConnect) {
        main.start(mustConnect);
        if (intake != main) {
            try {
                intake.start(mustConnect);
            } catch (RuntimeException e) {
                main.close();
                throw e;
            }
        }
    }

    CompletableFuture<Void> submit(StoreChange change, String what) {
        long requestId = StoreChange.requestOf(change);
        if (intake == main || !(change instanceof StoreChange.RequestAccepted || inIntake.containsKey(requestId))) {
            return main.submitItem(what, change);
        }
        inIntake.merge(requestId, 1, Integer::sum);
        CompletableFuture<Void> stored = intake.submitItem(what, change);
        stored.whenComplete((ok, failure) -> inIntake.computeIfPresent(requestId, (id, n) -> n == 1 ? null : n - 1));
        return stored;
    }

    /** Work of the main writer's own (pruning). */
    <T> CompletableFuture<T> submit(String what, SqlWork<T> work) {
        return main.submit(what, work);
    }

    /** Work that acceptances wait for (request ID blocks). */
    <T> CompletableFuture<T> submitToIntake(String what, SqlWork<T> work) {
        return intake.submit(what, work);
    }

    /** Failing when either writer fails. */
    StoreHealth health() {
        StoreHealth h = main.health();
        return h.ok() ? intake.health() : h;
    }

    WriterStats stats() {
        WriterStats m = main.stats();
        if (intake == main) {
            return m;
        }
        WriterStats i = intake.stats();
        return new WriterStats(m.commits() + i.commits(), m.changes() + i.changes(),
                m.failedCommits() + i.failedCommits(), Math.max(m.largestBatch(), i.largestBatch()));
    }

    /** Closes the intake first: what it accepted may still be followed by changes to the main writer. */
    void close() {
        if (intake != main) {
            intake.close();
        }
        main.close();
    }
}
