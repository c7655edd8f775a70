package dev.synccenter.itest;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;

/**
 * A handler registered from the test probe: items a, b and c; it records every session, and can be
 * made to wait in {@code synchronize} until a gate opens, either honouring cancellation (it then
 * returns and leaves its items to the platform) or ignoring it (it then ends only when its thread
 * is interrupted, as a hung handler does).
 */
final class ProbeHandler implements SyncHandler {

    /** One call of synchronize. */
    record Call(long requestId, List<String> itemIds) {
    }

    /** The display name; read it here, not through {@link #name()}, which counts reads. */
    final String name;
    private final boolean ignoreCancel;
    private final boolean finishFirst;
    private final CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final AtomicInteger nameReads = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();

    private ProbeHandler(String name, CountDownLatch gate, boolean ignoreCancel, boolean finishFirst) {
        this.name = name;
        this.gate = gate;
        this.ignoreCancel = ignoreCancel;
        this.finishFirst = finishFirst;
    }

    /** Syncs at once. */
    static ProbeHandler quick(String name) {
        return new ProbeHandler(name, null, false, false);
    }

    /** Waits in each session until the gate opens or the session is cancelled. */
    static ProbeHandler gated(String name, CountDownLatch gate) {
        return new ProbeHandler(name, gate, false, false);
    }

    /** Reports the first item of each session SUCCEEDED, then waits as {@link #gated} does. */
    static ProbeHandler gatedAfterFirst(String name, CountDownLatch gate) {
        return new ProbeHandler(name, gate, false, true);
    }

    /** Waits in each session until the gate opens or its thread is interrupted; ignores cancellation. */
    static ProbeHandler stubborn(String name, CountDownLatch gate) {
        return new ProbeHandler(name, gate, true, false);
    }

    @Override
    public String name() {
        nameReads.incrementAndGet();
        return name;
    }

    @Override
    public List<SyncItem> items() {
        return List.of(SyncItem.of("a", "A"), SyncItem.of("b", "B"), SyncItem.of("c", "C"));
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId)
            throws Exception {
        calls.add(new Call(requestId, List.copyOf(itemIds)));
        if (finishFirst) {
            callback.reportProgress(itemIds.get(0), "done", dev.synccenter.control.ProgressStatus.SUCCEEDED, 1, 1);
        }
        entered.countDown();
        if (gate == null) {
            return; // every item SUCCEEDED (C15)
        }
        if (ignoreCancel) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return;
        }
        while (!gate.await(5, TimeUnit.MILLISECONDS)) {
            if (!callback.canContinue()) {
                return; // the platform ends the unfinished items CANCELED, or re-runs them (C27)
            }
        }
    }

    /** The request IDs of the sessions this handler ran. */
    List<Long> requestIds() {
        return calls.stream().map(Call::requestId).toList();
    }

    @Override
    public String toString() {
        return "ProbeHandler[" + name + "]";
    }
}
