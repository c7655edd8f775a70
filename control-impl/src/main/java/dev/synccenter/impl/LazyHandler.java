package dev.synccenter.impl;

import java.util.function.Function;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import dev.synccenter.handler.SyncHandler;
import dev.synccenter.impl.engine.HandlerRef;

/**
 * A handler's service object, got the first time the engine calls the handler (on a platform
 * thread, inside its guard), never in a bind method. So SCR does not activate a handler component
 * inside the control component's bind, and the engine knows the handler ID before the handler's
 * activation can call it (C24). The object is kept once got; a failure is not, so a later call (a
 * metadata re-read) tries again. Equal for the same service, so a {@link HandlerRef} made again for
 * new properties equals the old one where the properties are the same.
 */
final class LazyHandler implements HandlerRef.Source {

    private final ServiceReference<SyncHandler> reference;
    private final Function<ServiceReference<SyncHandler>, SyncHandler> locate;
    private volatile SyncHandler handler;

    /** @param locate gets the service object; null when there is none (SCR's {@code locateService}) */
    LazyHandler(ServiceReference<SyncHandler> reference, Function<ServiceReference<SyncHandler>, SyncHandler> locate) {
        this.reference = reference;
        this.locate = locate;
    }

    @Override
    public SyncHandler get() {
        SyncHandler got = handler;
        if (got != null) {
            return got;
        }
        try {
            got = locate.apply(reference);
        } catch (RuntimeException e) {
            // Racing with the service's unregistration, or the bundle is stopping: the guard reports it (C4).
            throw new IllegalStateException("getting handler service " + reference.getProperty(Constants.SERVICE_ID)
                    + " failed: " + e, e);
        }
        if (got != null) {
            handler = got;
        }
        return got;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LazyHandler l && l.reference.equals(reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "handler service " + reference.getProperty(Constants.SERVICE_ID);
    }
}
