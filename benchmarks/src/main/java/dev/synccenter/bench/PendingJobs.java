package dev.synccenter.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs a {@link DurableDispatcher} has submitted and not yet seen completed, by the ID the
 * scheduler knows them by: the scheduler's completion callback gives back only that ID, so the
 * job's {@code onDone} is found here, and run once.
 */
final class PendingJobs {

    private final Map<String, Runnable> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** A new job ID, with what to run when that job's completion is committed. */
    String add(Runnable onDone) {
        String id = Long.toString(ids.incrementAndGet());
        pending.put(id, onDone);
        return id;
    }

    /** The job's completion is committed; {@code ok} false counts it as a failure too. */
    void completed(String id, boolean ok) {
        if (!ok) {
            failed();
        }
        Runnable onDone = pending.remove(id);
        if (onDone != null) {
            onDone.run();
        }
    }

    void failed() {
        failures.incrementAndGet();
    }

    long failures() {
        return failures.get();
    }
}
