package dev.synccenter.impl.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.handler.SyncCallback;

/** What a handler of the interleaving storm does in synchronize, drawn at random per service. */
enum StormBehaviour {
    SUCCEED, FAIL, THROW, HANG_UNTIL_CANCELLED, IGNORE_CANCEL, ILLEGAL, ABSORB, REENTER,
    /** C42: each item fails for now, some with a time before which not to retry. */
    TRANSIENT,
    /** C42: each item is disconnected, which counts as transient. */
    DISCONNECT,
    /** C42: each item fails for good. */
    PERMANENT;

    TestHandler.Body body(SyncEngine engine, String h, Random random, Clock clock, Consumer<SyncRequest> reentered) {
        return (ids, cb, ctx, req) -> {
            switch (this) {
                case SUCCEED -> eachItem(ids, cb, ProgressStatus.SUCCEEDED);
                case FAIL -> {
                    cb.reportEvent(ids.get(0), EventLevel.ERROR, "fail", "storm");
                    eachItem(ids, cb, ProgressStatus.FAILED);
                }
                case THROW -> throw new IllegalStateException("storm handler throws");
                case HANG_UNTIL_CANCELLED -> {
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                    while (cb.canContinue() && System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }
                case IGNORE_CANCEL -> {
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(150));
                    while (System.nanoTime() < end) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException();
                        }
                        Thread.onSpinWait();
                    }
                }
                case ILLEGAL -> {
                    String first = ids.get(0);
                    cb.reportProgress(first, "", ProgressStatus.SUCCEEDED, 0, 0);
                    cb.reportProgress(first, "", ProgressStatus.UPDATING, 1, 2); // throws, item FAILED
                }
                case ABSORB -> {
                    PendingItems pending = cb.queryForAdditionalItems();
                    for (String more : pending.itemIds()) {
                        try {
                            cb.addItemToSession(more);
                        } catch (IllegalArgumentException refused) {
                            // already in the session, or disabled meanwhile
                        }
                    }
                    eachItem(ids, cb, ProgressStatus.SUCCEEDED);
                }
                case REENTER -> {
                    try {
                        reentered.accept(engine.startItemSync(h, List.of(ids.get(0)), null,
                                Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), null));
                    } catch (SyncRefusedException | SyncArgumentException refused) {
                        // disabled or stopping meanwhile
                    }
                }
                case TRANSIENT -> {
                    for (String id : ids) {
                        cb.reportFailure(id, random.nextBoolean() ? ItemFailure.transientFailure("storm: busy")
                                : ItemFailure.retryAfter("storm: later",
                                        clock.instant().plus(Duration.ofSeconds(random.nextInt(120)))));
                    }
                }
                case DISCONNECT -> eachItem(ids, cb, ProgressStatus.DISCONNECTED);
                case PERMANENT -> {
                    for (String id : ids) {
                        cb.reportFailure(id, ItemFailure.permanent("storm: refused"));
                    }
                }
            }
        };
    }

    static void eachItem(List<String> ids, SyncCallback cb, ProgressStatus status) {
        for (String id : ids) {
            if (!cb.canContinue(id)) {
                cb.reportProgress(id, "", ProgressStatus.CANCELED, 0, 0);
                continue;
            }
            cb.reportProgress(id, "step", ProgressStatus.UPDATING, 1, 2);
            cb.reportProgress(id, "", status, 2, 2);
        }
    }
}
