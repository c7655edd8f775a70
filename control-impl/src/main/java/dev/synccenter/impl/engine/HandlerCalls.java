package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.SyncConflict;
import dev.synccenter.impl.guard.Guard;
import dev.synccenter.impl.metadata.HandlerMetadata;
import dev.synccenter.impl.metadata.MetadataReader;

/**
 * The engine's calls into handler code other than synchronize: each runs on a platform thread,
 * under the call deadline, inside catch Throwable ({@link Guard}), and answers a value the engine can
 * use whatever the handler did (C32).
 *
 * <p>Lock rule: never called with the engine lock held (asserted): handler code may block, and may
 * call the control service back.
 */
final class HandlerCalls {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

    private final EngineLock lock;
    private final Guard guard;

    HandlerCalls(EngineLock lock, Guard guard) {
        this.lock = lock;
        this.guard = guard;
    }

    /** The handler's metadata, or an unreadable one (not listed, not synced) if reading it failed. */
    HandlerMetadata readMetadata(String handlerId, HandlerRef ref) {
        lock.assertNotHeld();
        Guard.Outcome<HandlerMetadata> read = guard.call(handlerId + " metadata",
                () -> MetadataReader.read(handlerId, ref.handler()));
        if (read.ok()) {
            return read.value();
        }
        LOG.warn("Handler {}: reading its metadata {}; it is not listed and not synced (C32)", handlerId,
                read.problem());
        return HandlerMetadata.unreadable("reading the metadata " + read.problem());
    }

    /** The handler's conflicts, or null if reading them failed (the last ones read stay). */
    List<SyncConflict> readConflicts(String handlerId, HandlerRef ref) {
        lock.assertNotHeld();
        Guard.Outcome<List<SyncConflict>> read = guard.call(handlerId + " conflicts", () -> {
            List<SyncConflict> out = new ArrayList<>();
            for (SyncConflict c : ref.handler().conflicts()) {
                if (c != null) {
                    out.add(c.withHandlerId(handlerId));
                }
            }
            return out;
        });
        if (!read.ok()) {
            LOG.warn("Handler {}: reading its conflicts {}", handlerId, read.problem());
        }
        return read.orElse(null);
    }

    /** A call whose answer the engine needs, such as a conflict's resolution; the outcome says how it went. */
    <T> Guard.Outcome<T> call(String what, java.util.concurrent.Callable<T> call) {
        lock.assertNotHeld();
        return guard.call(what, call);
    }

    /** Any other call, such as telling the handler it was enabled; the outcome says how it went. */
    Guard.Outcome<Void> run(String what, Guard.ThrowingRunnable call) {
        lock.assertNotHeld();
        return guard.run(what, call);
    }
}
