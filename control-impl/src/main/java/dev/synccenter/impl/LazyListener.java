package dev.synccenter.impl;

import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncResult;

/**
 * A whiteboard listener whose service object is got on the first notification, on the listener's
 * own channel thread, not in the control component's bind method: a listener is foreign code too,
 * and a delayed listener component would otherwise be activated inside our bind (the lesson of
 * C24). Equal for the same service, so that unbinding finds the channel bound for it.
 */
final class LazyListener implements SyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(LazyListener.class);

    private final ServiceObject<SyncListener> object;
    private volatile boolean missingLogged;

    LazyListener(ServiceReference<SyncListener> reference,
            Function<ServiceReference<SyncListener>, SyncListener> locate) {
        this.object = new ServiceObject<>(reference, locate);
    }

    private void tell(Consumer<SyncListener> notification) {
        SyncListener got = object.get();
        if (got != null) {
            notification.accept(got);
        } else if (!missingLogged) {
            missingLogged = true;
            LOG.warn("Listener service {} has no service object (its component failed to activate?); "
                    + "it is told nothing", object.serviceId());
        }
    }

    @Override
    public void requestAccepted(RequestSnapshot request) {
        tell(l -> l.requestAccepted(request));
    }

    @Override
    public void requestStarted(RequestSnapshot request) {
        tell(l -> l.requestStarted(request));
    }

    @Override
    public void itemProgress(String handlerId, long sessionId, ItemProgress progress) {
        tell(l -> l.itemProgress(handlerId, sessionId, progress));
    }

    @Override
    public void handlerProgress(String handlerId, long sessionId, String text) {
        tell(l -> l.handlerProgress(handlerId, sessionId, text));
    }

    @Override
    public void requestFinished(SyncResult result) {
        tell(l -> l.requestFinished(result));
    }

    @Override
    public void eventReported(SyncEvent event) {
        tell(l -> l.eventReported(event));
    }

    @Override
    public void handlerChanged(String handlerId, HandlerChange change) {
        tell(l -> l.handlerChanged(handlerId, change));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LazyListener l && l.object.equals(object);
    }

    @Override
    public int hashCode() {
        return object.hashCode();
    }

    @Override
    public String toString() {
        return "listener service " + object.serviceId();
    }
}
