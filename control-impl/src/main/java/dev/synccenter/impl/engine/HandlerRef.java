package dev.synccenter.impl.engine;

import java.util.Comparator;
import java.util.Objects;

import dev.synccenter.handler.SyncHandler;

/**
 * One registered handler service, as the engine sees it. The handler ID and the rest come from the
 * service's properties alone; the handler object is got from {@link #source()} only when the engine
 * first calls {@link #handler()}, on a platform thread. So the platform knows the ID before any of
 * the handler's own code runs, and never runs it inside a bind method (C24).
 *
 * @param serviceId the service's {@code service.id}: the key, since a bundle update registers a new
 *     service with a new ID
 * @param ranking its {@code service.ranking}
 * @param handlerId its handler ID property, not yet checked
 * @param bundle symbolic name and version of the bundle that registered it
 * @param source where the handler object comes from; equal sources stand for the same object
 * @param retry what its service properties say of its retries (C43); {@link RetryOverrides#NONE} when nothing
 */
public record HandlerRef(long serviceId, int ranking, String handlerId, String bundle, Source source,
        RetryOverrides retry) {

    /** C3: the higher ranking serves, then the lower service ID. */
    public static final Comparator<HandlerRef> SERVING_ORDER = Comparator.comparingInt(HandlerRef::ranking)
            .reversed().thenComparingLong(HandlerRef::serviceId);

    /** Where a handler object comes from. */
    @FunctionalInterface
    public interface Source {
        /**
         * The handler object, or null if there is none (its component failed to activate, or its
         * service went away). May throw; {@link HandlerRef#handler()} is only called inside the
         * engine's guard.
         */
        SyncHandler get();
    }

    public HandlerRef {
        Objects.requireNonNull(source, "source");
        retry = retry == null ? RetryOverrides.NONE : retry;
    }

    /** A service that says nothing of its retries. */
    public HandlerRef(long serviceId, int ranking, String handlerId, String bundle, Source source) {
        this(serviceId, ranking, handlerId, bundle, source, RetryOverrides.NONE);
    }

    /** A handler object that is already at hand (tests, benchmarks, a plain JVM). */
    public HandlerRef(long serviceId, int ranking, String handlerId, String bundle, SyncHandler handler) {
        this(serviceId, ranking, handlerId, bundle, new Given(handler), RetryOverrides.NONE);
    }

    /** A handler object at hand whose service says how its items are retried (C43). */
    public HandlerRef(long serviceId, int ranking, String handlerId, String bundle, SyncHandler handler,
            RetryOverrides retry) {
        this(serviceId, ranking, handlerId, bundle, new Given(handler), retry);
    }

    /**
     * The handler object, got from the source the first time.
     *
     * @throws IllegalStateException if there is none, or getting it failed
     */
    public SyncHandler handler() {
        SyncHandler handler = source.get();
        if (handler == null) {
            throw new IllegalStateException("no handler object for " + this
                    + ": its component failed to activate, or its service went away");
        }
        return handler;
    }

    @Override
    public String toString() {
        return "service " + serviceId + " of " + bundle + " (ranking " + ranking + ")";
    }

    /** Equal when the handler objects are, as the record's equality was when it held the object. */
    private record Given(SyncHandler handler) implements Source {
        @Override
        public SyncHandler get() {
            return handler;
        }
    }
}
