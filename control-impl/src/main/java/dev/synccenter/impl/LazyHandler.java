package dev.synccenter.impl;

import java.util.function.Function;

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

    private final ServiceObject<SyncHandler> object;

    LazyHandler(ServiceReference<SyncHandler> reference, Function<ServiceReference<SyncHandler>, SyncHandler> locate) {
        this.object = new ServiceObject<>(reference, locate);
    }

    @Override
    public SyncHandler get() {
        try {
            return object.get();
        } catch (RuntimeException e) {
            // Racing with the service's unregistration, or the bundle is stopping: the guard reports it (C4).
            throw new IllegalStateException("getting handler service " + object.serviceId() + " failed: " + e, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LazyHandler l && l.object.equals(object);
    }

    @Override
    public int hashCode() {
        return object.hashCode();
    }

    @Override
    public String toString() {
        return "handler service " + object.serviceId();
    }
}
